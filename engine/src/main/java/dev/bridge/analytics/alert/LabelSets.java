package dev.bridge.analytics.alert;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Operations on label sets (name -> value maps). Stateless, thread-safe. */
final class LabelSets
{
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = (byte)0xff;

    private LabelSets()
    {
    }

    /**
     * @return Alertmanager's fingerprint of {@code labels} ({@code model.LabelSet.Fingerprint}): FNV-1a 64 over each
     *         name and value (UTF-8) in name order, each followed by the byte 0xff, as 16 lower-case hex digits.
     */
    static String fingerprint(final Map<String, String> labels)
    {
        long hash = FNV_OFFSET;
        for (final Map.Entry<String, String> e : new TreeMap<>(labels).entrySet())
        {
            hash = add(hash, e.getKey().getBytes(StandardCharsets.UTF_8));
            hash = add(hash, e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return String.format("%016x", hash);
    }

    private static long add(final long start, final byte[] bytes)
    {
        long hash = start;
        for (final byte b : bytes)
        {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        hash ^= SEPARATOR & 0xff;
        return hash * FNV_PRIME;
    }

    /** @return true when every entry of {@code matchers} is in {@code labels} with the same value. */
    static boolean includes(final Map<String, String> labels, final Map<String, String> matchers)
    {
        for (final Map.Entry<String, String> m : matchers.entrySet())
        {
            if (!m.getValue().equals(labels.get(m.getKey())))
            {
                return false;
            }
        }
        return true;
    }

    /** @return the label set as Prometheus prints it: {@code {alertname="x", severity="info"}}, names sorted. */
    static String format(final Map<String, String> labels)
    {
        final StringBuilder sb = new StringBuilder("{");
        for (final Iterator<Map.Entry<String, String>> it = new TreeMap<>(labels).entrySet().iterator(); it.hasNext(); )
        {
            final Map.Entry<String, String> e = it.next();
            sb.append(e.getKey()).append("=\"")
                .append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
            if (it.hasNext())
            {
                sb.append(", ");
            }
        }
        return sb.append('}').toString();
    }

    /** @return the entries that every map of {@code maps} has with the same value (empty for no maps). */
    static Map<String, String> common(final Collection<Map<String, String>> maps)
    {
        final Iterator<Map<String, String>> it = maps.iterator();
        if (!it.hasNext())
        {
            return Map.of();
        }
        final Map<String, String> common = new TreeMap<>(it.next());
        while (it.hasNext())
        {
            final Map<String, String> next = it.next();
            common.entrySet().removeIf(e -> !e.getValue().equals(next.get(e.getKey())));
        }
        return common;
    }
}

package dev.bridge.analytics.ingest.statsd;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A line's name segment split into the metric name and the tags of the dialect it uses, and its DogStatsD tags
 * (resolution path: allocates). Dialects, as statsd_exporter reads them:
 * <ul>
 *   <li>SignalFx {@code name[k=v,k2=v2]} (the bracket may stand anywhere in the name: it is cut out);</li>
 *   <li>Influx/Telegraf {@code name,k=v,k2=v2};</li>
 *   <li>Librato {@code name#k=v,k2=v2};</li>
 *   <li>DogStatsD {@code |#k:v,k2:v2} after the type (a tag without {@code :} has no value and is ignored).</li>
 * </ul>
 * A dialect tag without {@code =}, an empty key or an empty name makes the name invalid (the line counts as malformed).
 * Immutable, thread-safe.
 *
 * @param name  the metric name without tags; null when the segment is invalid.
 * @param tags  tag key -> value, dialect tags first, then DogStatsD tags (a later key wins).
 * @param error what is wrong, when {@code name} is null.
 */
record StatsdName(String name, Map<String, String> tags, String error)
{
    /** @return the name and tags of a name segment and a DogStatsD tag text ("" for none). */
    static StatsdName parse(final String segment, final String dogTags)
    {
        final Map<String, String> tags = new LinkedHashMap<>();
        String name = segment;
        final int open = name.indexOf('[');
        if (open >= 0)
        {
            final int close = name.indexOf(']', open);
            if (close < 0)
            {
                return invalid("'[' without ']' in '" + segment + "'");
            }
            final String error = pairs(name.substring(open + 1, close), '=', tags, true);
            if (error != null)
            {
                return invalid(error + " in '" + segment + "'");
            }
            name = name.substring(0, open) + name.substring(close + 1);
        }
        final int comma = name.indexOf(',');
        final int hash = name.indexOf('#');
        final int cut = comma < 0 ? hash : hash < 0 ? comma : Math.min(comma, hash);
        if (cut >= 0)
        {
            final String error = pairs(name.substring(cut + 1), '=', tags, true);
            if (error != null)
            {
                return invalid(error + " in '" + segment + "'");
            }
            name = name.substring(0, cut);
        }
        if (name.isEmpty())
        {
            return invalid("empty name in '" + segment + "'");
        }
        if (!dogTags.isEmpty())
        {
            pairs(dogTags, ':', tags, false);
        }
        return new StatsdName(name, tags, null);
    }

    private static String pairs(final String text, final char separator, final Map<String, String> into, final boolean strict)
    {
        if (text.isEmpty())
        {
            return strict ? "empty tag list" : null;
        }
        int start = 0;
        while (start <= text.length())
        {
            int end = text.indexOf(',', start);
            if (end < 0)
            {
                end = text.length();
            }
            final String pair = text.substring(start, end);
            final int at = pair.indexOf(separator);
            if (at <= 0)
            {
                if (strict)
                {
                    return "tag '" + pair + "' is not key" + separator + "value";
                }
            }
            else
            {
                into.put(pair.substring(0, at), pair.substring(at + 1));
            }
            start = end + 1;
        }
        return null;
    }

    private static StatsdName invalid(final String error)
    {
        return new StatsdName(null, Map.of(), error);
    }
}

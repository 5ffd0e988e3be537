package dev.bridge.analytics.series;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Canonical text key of a series: {@code metric} followed, for each declared label, by
 * {@code US name = value} where US is the ASCII unit separator (0x1F). Label values may hold any character but
 * US. Stateless, thread-safe.
 */
public final class SeriesKey
{
    static final char SEPARATOR = '\u001F';

    private SeriesKey()
    {
    }

    /** @return the key of {@code metric} with {@code labels} (already in declared order). */
    public static String format(final String metric, final Map<String, String> labels)
    {
        final StringBuilder sb = new StringBuilder(metric);
        labels.forEach((name, value) -> sb.append(SEPARATOR).append(name).append('=').append(value));
        return sb.toString();
    }

    /** @return the metric name of a key. */
    public static String metricName(final String key)
    {
        final int end = key.indexOf(SEPARATOR);
        return end < 0 ? key : key.substring(0, end);
    }

    /** @return the labels of a key, in key order. */
    public static Map<String, String> labels(final String key)
    {
        final Map<String, String> labels = new LinkedHashMap<>();
        int start = key.indexOf(SEPARATOR);
        while (start >= 0)
        {
            final int next = key.indexOf(SEPARATOR, start + 1);
            final String pair = key.substring(start + 1, next < 0 ? key.length() : next);
            final int eq = pair.indexOf('=');
            labels.put(pair.substring(0, eq), pair.substring(eq + 1));
            start = next;
        }
        return labels;
    }
}

package dev.bridge.analytics.bench.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code --labels name=value,name2=value2}: a query then merges the series whose labels include these.
 * A value may be empty ({@code operation=}: the series recorded without that label). Stateless; thread-safe.
 */
public final class LabelFilter
{
    private LabelFilter()
    {
    }

    /**
     * @param text the option's value, or null for no filter.
     * @return label name -> value, in the given order.
     * @throws QueryException for a pair without a name and '=', or a label given twice.
     */
    public static Map<String, String> parse(final String text)
    {
        final Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isBlank())
        {
            return Map.of();
        }
        for (final String pair : text.split(",", -1))
        {
            final int eq = pair.indexOf('=');
            if (eq <= 0 || pair.substring(0, eq).isBlank())
            {
                throw new QueryException("'" + pair + "' is not a label: use name=value pairs separated by commas " +
                    "(--labels operation=read,code=UNAVAILABLE)");
            }
            final String name = pair.substring(0, eq).trim();
            if (labels.put(name, pair.substring(eq + 1).trim()) != null)
            {
                throw new QueryException("label '" + name + "' is given twice in '" + text + "'");
            }
        }
        return Collections.unmodifiableMap(labels);
    }

    /** @return {@code metric{name=value,...}}, or the bare name without labels (for titles). */
    static String describe(final String metric, final Map<String, String> labels)
    {
        if (labels.isEmpty())
        {
            return metric;
        }
        final StringBuilder text = new StringBuilder(metric).append('{');
        labels.forEach((name, value) -> text.append(name).append('=').append(value).append(','));
        text.setLength(text.length() - 1);
        return text.append('}').toString();
    }
}

package dev.bridge.analytics.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one label-filter syntax of the command line ({@code --labels}) and the HTTP API ({@code labels=}):
 * {@code name=value} pairs separated by commas ({@code operation=read,code=UNAVAILABLE}), as PromQL writes a matcher
 * ({@code {operation="read"}}) without braces and quotes. A value may be empty ({@code operation=}: the series
 * recorded without that label) and may hold {@code :} or {@code =} (the pair splits at its first {@code =}). A pair
 * spelled {@code name:value} is refused with its {@code name=value} spelling named. A query then merges the series
 * whose labels include these. Stateless; thread-safe.
 */
public final class LabelFilters
{
    private LabelFilters()
    {
    }

    /**
     * @param text   the filter, or null or blank for none.
     * @param option how the caller's users write the filter, for examples in errors ({@code "--labels "},
     *               {@code "labels="}).
     * @return label name -> value, in the given order; immutable.
     * @throws IllegalArgumentException for a pair without a name and '=' (naming the {@code name=value} spelling of
     *                                  a {@code name:value} one), or a label given twice.
     */
    public static Map<String, String> parse(final String text, final String option)
    {
        if (text == null || text.isBlank())
        {
            return Map.of();
        }
        final Map<String, String> labels = new LinkedHashMap<>();
        for (final String pair : text.split(",", -1))
        {
            final int eq = pair.indexOf('=');
            if (eq < 0 && pair.indexOf(':') > 0 && !pair.substring(0, pair.indexOf(':')).isBlank())
            {
                throw new IllegalArgumentException("'" + pair + "' uses ':'; write " + option + withEquals(text));
            }
            if (eq <= 0 || pair.substring(0, eq).isBlank())
            {
                throw new IllegalArgumentException("'" + pair + "' is not a label: use name=value pairs separated by " +
                    "commas (" + option + "operation=read,code=UNAVAILABLE)");
            }
            final String name = pair.substring(0, eq).trim();
            if (labels.put(name, pair.substring(eq + 1).trim()) != null)
            {
                throw new IllegalArgumentException("label '" + name + "' is given twice in '" + text + "'");
            }
        }
        return Collections.unmodifiableMap(labels);
    }

    /** @return {@code text} with the first ':' of each pair that has no '=' written as '='. */
    private static String withEquals(final String text)
    {
        final StringJoiner fixed = new StringJoiner(",");
        for (final String pair : text.split(",", -1))
        {
            fixed.add(pair.indexOf('=') < 0 ? pair.replaceFirst(":", "=") : pair);
        }
        return fixed.toString();
    }
}

package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.query.LabelFilters;

import java.util.Map;

/**
 * Parses {@code --labels name=value,name2=value2}, in the syntax the HTTP API's {@code labels=} shares
 * ({@link LabelFilters}): a query then merges the series whose labels include these. A value may be empty
 * ({@code operation=}: the series recorded without that label). Stateless; thread-safe.
 */
public final class LabelFilter
{
    private LabelFilter()
    {
    }

    /**
     * @param text the option's value, or null for no filter.
     * @return label name -> value, in the given order.
     * @throws QueryException for a pair without a name and '=' ({@code operation:read} gets its
     *                        {@code operation=read} spelling named), or a label given twice.
     */
    public static Map<String, String> parse(final String text)
    {
        try
        {
            return LabelFilters.parse(text, "--labels ");
        }
        catch (final IllegalArgumentException ex)
        {
            throw new QueryException(ex.getMessage());
        }
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

package dev.bridge.analytics.http;

import dev.bridge.analytics.query.LabelFilters;

import java.util.Map;

/**
 * The {@code labels} parameter: {@code name=value} pairs separated by commas
 * ({@code labels=operation=read,code=UNAVAILABLE}), the syntax of the command line's {@code --labels}
 * ({@link LabelFilters}); a query then merges the series whose labels include these. A value may be empty
 * ({@code operation=}: the series recorded without that label). Stateless; thread-safe.
 */
final class LabelsParameter
{
    static final String NAME = "labels";

    private LabelsParameter()
    {
    }

    /**
     * @param text the value, or null for no filter.
     * @return label name -> value, in the given order.
     * @throws HttpError 400 for a pair without a name and '=' ({@code operation:read} gets its {@code operation=read}
     *                   spelling named), or a label given twice.
     */
    static Map<String, String> parse(final String text)
    {
        try
        {
            return LabelFilters.parse(text, NAME + "=");
        }
        catch (final IllegalArgumentException ex)
        {
            throw HttpError.badParameter(NAME, ex.getMessage());
        }
    }
}

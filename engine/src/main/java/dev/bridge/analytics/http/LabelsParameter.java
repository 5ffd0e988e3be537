package dev.bridge.analytics.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code labels} parameter: {@code name:value} pairs separated by commas ({@code operation:read,code:UNAVAILABLE});
 * a query then merges the series whose labels include these. A value may be empty ({@code operation:}: the series
 * recorded without that label). Stateless; thread-safe.
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
     * @throws HttpError 400 for a pair without a name and ':', or a label given twice.
     */
    static Map<String, String> parse(final String text)
    {
        if (text == null)
        {
            return Map.of();
        }
        final Map<String, String> labels = new LinkedHashMap<>();
        for (final String pair : text.split(",", -1))
        {
            final int colon = pair.indexOf(':');
            if (colon <= 0 || pair.substring(0, colon).isBlank())
            {
                throw HttpError.badParameter(NAME, "'" + pair + "' is not a label: use name:value pairs separated by " +
                    "commas (labels=operation:read,code:UNAVAILABLE)");
            }
            final String name = pair.substring(0, colon).trim();
            if (labels.put(name, pair.substring(colon + 1).trim()) != null)
            {
                throw HttpError.badParameter(NAME, "label '" + name + "' is given twice");
            }
        }
        return Collections.unmodifiableMap(labels);
    }
}

package dev.bridge.analytics.export;

import java.util.Map;

/** Label sets as text in Prometheus' notation, for formats without a label structure (CSV). Stateless, thread-safe. */
final class LabelText
{
    private LabelText()
    {
    }

    /**
     * @return {@code {name="value",...}} in the map's order, values escaped as Prometheus does ({@code \\},
     *         {@code \"}, {@code \n}); the empty string for no labels.
     */
    static String prometheusStyle(final Map<String, String> labels)
    {
        if (labels.isEmpty())
        {
            return "";
        }
        final StringBuilder text = new StringBuilder(32).append('{');
        for (final Map.Entry<String, String> e : labels.entrySet())
        {
            if (text.length() > 1)
            {
                text.append(',');
            }
            text.append(e.getKey()).append("=\"");
            final String value = e.getValue();
            for (int i = 0; i < value.length(); i++)
            {
                final char c = value.charAt(i);
                switch (c)
                {
                    case '\\' -> text.append("\\\\");
                    case '"' -> text.append("\\\"");
                    case '\n' -> text.append("\\n");
                    default -> text.append(c);
                }
            }
            text.append('"');
        }
        return text.append('}').toString();
    }
}

package dev.bridge.analytics.config;

/**
 * How an alert rule compares its expression's value with the threshold. YAML spells it as the symbol, in quotes
 * ({@code comparator: ">"}; a bare {@code >} starts a YAML block scalar). Immutable, thread-safe.
 */
public enum AlertComparator
{
    GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

    private final String symbol;

    AlertComparator(final String symbol)
    {
        this.symbol = symbol;
    }

    /** @return the YAML spelling, e.g. {@code >=}. */
    public String symbol()
    {
        return symbol;
    }

    /** @return true when {@code value <comparator> threshold} holds. */
    public boolean test(final double value, final double threshold)
    {
        return switch (this)
        {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> value == threshold;
            case NE -> value != threshold;
        };
    }

    /** @return the comparator spelled {@code text}, or null if none is. */
    public static AlertComparator bySymbol(final String text)
    {
        for (final AlertComparator c : values())
        {
            if (c.symbol.equals(text))
            {
                return c;
            }
        }
        return null;
    }

    /** @return every spelling, for messages: {@code '>', '>=', '<', '<=', '==', '!='}. */
    public static String symbols()
    {
        final StringBuilder sb = new StringBuilder();
        for (final AlertComparator c : values())
        {
            sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(c.symbol).append('\'');
        }
        return sb.toString();
    }
}

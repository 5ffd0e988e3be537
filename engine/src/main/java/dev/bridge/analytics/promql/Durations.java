package dev.bridge.analytics.promql;

/**
 * PromQL durations: {@code ([0-9]+(ms|s|m|h|d|w|y))+}, a year being 365 days (as Prometheus' {@code model.Duration}).
 * Stateless, thread-safe.
 */
final class Durations
{
    private Durations()
    {
    }

    /**
     * @return the duration {@code text} in milliseconds.
     * @throws IllegalArgumentException when it is not a duration or overflows.
     */
    static long parseMs(final String text)
    {
        long total = 0;
        int i = 0;
        if (text.isEmpty())
        {
            throw new IllegalArgumentException("empty duration string");
        }
        while (i < text.length())
        {
            final int digits = i;
            while (i < text.length() && Character.isDigit(text.charAt(i)))
            {
                i++;
            }
            if (i == digits || i == text.length())
            {
                throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
            }
            final long amount = Long.parseLong(text.substring(digits, i));
            final long unitMs;
            if (text.startsWith("ms", i))
            {
                unitMs = 1;
                i += 2;
            }
            else
            {
                unitMs = switch (text.charAt(i))
                {
                    case 's' -> 1_000L;
                    case 'm' -> 60_000L;
                    case 'h' -> 3_600_000L;
                    case 'd' -> 86_400_000L;
                    case 'w' -> 7 * 86_400_000L;
                    case 'y' -> 365 * 86_400_000L;
                    default -> throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
                };
                i++;
            }
            total = Math.addExact(total, Math.multiplyExact(amount, unitMs));
        }
        return total;
    }
}

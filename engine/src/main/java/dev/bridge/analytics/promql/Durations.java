package dev.bridge.analytics.promql;

/**
 * PromQL durations: Prometheus' {@code model.ParseDuration} grammar ({@code 1h30m}, {@code 500ms}, {@code 2w}: units
 * from the largest to the smallest, each at most once; a year is 365 days), read by the engine's one duration parser
 * ({@link dev.bridge.analytics.config.Durations}), with Prometheus' error text. Stateless, thread-safe.
 */
final class Durations
{
    private Durations()
    {
    }

    /**
     * @return the duration {@code text} in milliseconds.
     * @throws IllegalArgumentException when it is not a duration ({@code not a valid duration string: "T"}) or
     *                                  overflows.
     */
    static long parseMs(final String text)
    {
        if (text.isEmpty())
        {
            throw new IllegalArgumentException("empty duration string");
        }
        try
        {
            return dev.bridge.analytics.config.Durations.parse(text).toMillis(); // qualified: this class shares config.Durations's name
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
        }
    }
}

package dev.bridge.analytics.query;

import java.util.Locale;

/**
 * How a time series reduces the values of one interval: {@code avg, sum, min, max, count, rate} (per second:
 * the sum for counters, the number of values for histograms and gauges), {@code last} (the newest value of each
 * series in the interval, summed over the series: a gauge's value at the interval's end) or a percentile {@code pNN}
 * ({@code p50}, {@code p99}, {@code p99.9}). Immutable, thread-safe.
 *
 * @param kind       the reduction.
 * @param percentile for {@link Kind#PERCENTILE}: the percentile in [0, 100].
 */
public record Aggregation(Kind kind, double percentile)
{
    /** The reductions. */
    public enum Kind
    {
        AVG, SUM, MIN, MAX, COUNT, RATE, LAST, PERCENTILE
    }

    /**
     * @return the aggregation named {@code text} (case-insensitive).
     * @throws IllegalArgumentException naming the accepted forms.
     */
    public static Aggregation parse(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p") && t.length() > 1)
        {
            try
            {
                final double p = Double.parseDouble(t.substring(1));
                if (p >= 0 && p <= 100)
                {
                    return new Aggregation(Kind.PERCENTILE, p);
                }
            }
            catch (final NumberFormatException ignored)
            {
                // falls through to the error below
            }
        }
        for (final Kind kind : Kind.values())
        {
            if (kind != Kind.PERCENTILE && kind.name().toLowerCase(Locale.ROOT).equals(t))
            {
                return new Aggregation(kind, 0);
            }
        }
        throw new IllegalArgumentException("unknown aggregation '" + text +
            "': use avg, sum, min, max, count, rate, last or pNN with NN in [0, 100] (p50, p99, p99.9)");
    }

    @Override
    public String toString()
    {
        return kind == Kind.PERCENTILE ? "p" + (percentile == Math.rint(percentile) ?
            Long.toString((long)percentile) : Double.toString(percentile)) : kind.name().toLowerCase(Locale.ROOT);
    }
}

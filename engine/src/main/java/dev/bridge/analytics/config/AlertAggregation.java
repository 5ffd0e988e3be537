package dev.bridge.analytics.config;

import java.util.Locale;

/**
 * How an alert expression reduces a metric over its window. Immutable, thread-safe.
 * <ul>
 *   <li>{@code avg, sum, min, max, last}: of the values in the window (null without data);</li>
 *   <li>{@code count}: the number of values (0 without data, so absence can alert);</li>
 *   <li>{@code rate}: per second of the window, as {@code AnalyticsQueries.rate} (the counted total of a counter,
 *       the number of values of a histogram or gauge);</li>
 *   <li>{@code ratio}: the metric's total over the {@code denominator} metric's total in the window, totals as
 *       {@code rate} counts them (null when the denominator is 0);</li>
 *   <li>{@code pNN}: a percentile of a histogram ({@code p95}, {@code p99.9}).</li>
 * </ul>
 *
 * @param kind       the reduction.
 * @param percentile for {@link Kind#PERCENTILE}: in (0, 100].
 */
public record AlertAggregation(Kind kind, double percentile)
{
    /** The reductions. */
    public enum Kind
    {
        AVG, SUM, MIN, MAX, COUNT, LAST, RATE, RATIO, PERCENTILE
    }

    /** Shown in error messages. */
    public static final String SPELLINGS = "avg, sum, min, max, count, last, rate, ratio or pNN (p50, p95, p99.9)";

    public AlertAggregation
    {
        if (kind == Kind.PERCENTILE && !(percentile > 0 && percentile <= 100))
        {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
        }
    }

    /**
     * @return the aggregation spelled {@code text} (lower case).
     * @throws IllegalArgumentException naming the accepted spellings.
     */
    public static AlertAggregation parse(final String text)
    {
        if (text.startsWith("p") && text.length() > 1 && text.substring(1).matches("[0-9]+(\\.[0-9]+)?"))
        {
            final double p = Double.parseDouble(text.substring(1));
            if (p > 0 && p <= 100)
            {
                return new AlertAggregation(Kind.PERCENTILE, p);
            }
        }
        for (final Kind kind : Kind.values())
        {
            if (kind != Kind.PERCENTILE && kind.name().toLowerCase(Locale.ROOT).equals(text))
            {
                return new AlertAggregation(kind, 0);
            }
        }
        throw new IllegalArgumentException("unknown aggregation '" + text + "'; use " + SPELLINGS);
    }

    @Override
    public String toString()
    {
        if (kind != Kind.PERCENTILE)
        {
            return kind.name().toLowerCase(Locale.ROOT);
        }
        return "p" + (percentile == Math.rint(percentile) ? Long.toString((long)percentile) : Double.toString(percentile));
    }
}

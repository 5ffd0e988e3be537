package dev.bridge.analytics.query;

/**
 * One point of a time series: the interval starting at {@code timestampMs}, its value (null for an interval with
 * no data, never NaN) and the number of values it reduces. Immutable, thread-safe.
 *
 * @param aboveHighest true for a percentile that fell above the histogram's {@code highest}: the value is
 *                     {@code highest} and means "at least highest" (the interval's max has the exact largest).
 */
public record SeriesPoint(long timestampMs, Double value, long count, boolean aboveHighest)
{
    /** A point whose value is exact or within the histogram's precision. */
    public SeriesPoint(final long timestampMs, final Double value, final long count)
    {
        this(timestampMs, value, count, false);
    }
}

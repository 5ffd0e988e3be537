package dev.bridge.analytics.query;

/**
 * Summary of a metric's values over a range, merged over its buckets and series (sums of squares, not
 * averages of means). Absent values are null, never NaN. Immutable, thread-safe.
 *
 * @param count  number of values (events; for counters, the number of increments/adds).
 * @param sum    sum of the values (for counters, the total).
 * @param mean   sum / count, null when empty or when the sum (or the count, or the sum of squares) saturated at
 *               its bound: a saturated total is only a lower bound.
 * @param min    smallest value, null when empty.
 * @param max    largest value, null when empty.
 * @param stddev population standard deviation, null when empty or saturated (as {@code mean}).
 * @param last   last value of the latest bucket (summed over series when several match), null when empty.
 */
public record Stats(long count, long sum, Double mean, Long min, Long max, Double stddev, Long last)
{
    /** The stats of no data. */
    public static final Stats EMPTY = new Stats(0, 0, null, null, null, null, null);
}

package dev.bridge.analytics.query;

import dev.bridge.analytics.series.SeriesInfo;

/**
 * The stored buckets of one histogram series at one resolution, oldest first, as native-histogram increments
 * ({@link NativeBucketSeriesQuery}): per stored bucket the sum of its values and its values counted in the buckets
 * of a base-2 exponential {@code schema} ({@link dev.bridge.analytics.query.NativeBuckets}), in the metric's unit
 * (the caller scales the sum; bucket indexes are already of base-unit values). The arrays are owned by this record:
 * do not change them. Safe to share once built.
 *
 * @param series    the series.
 * @param widthMs   the resolution's bucket width.
 * @param schema    the schema of every bucket.
 * @param startMs   bucket starts, increasing.
 * @param sum       the sum of the bucket's values, metric unit.
 * @param zeroCount per bucket, the values {@code <= 0}.
 * @param indexes   per bucket, the native bucket indexes holding values, increasing.
 * @param counts    per bucket, the count per native bucket, one per index.
 * @param before    what the series had recorded before the first bucket read, since it was created (the store's
 *                  running totals less every bucket read), as one more increment; null when nothing.
 */
public record StoredNativeBuckets(SeriesInfo series, long widthMs, int schema, long[] startMs, long[] sum,
    long[] zeroCount, int[][] indexes, long[][] counts, Before before)
{
    /**
     * A native-histogram increment: its sum (metric unit), zero count, and counts per native bucket index.
     *
     * @param sum       the sum of its values, metric unit.
     * @param zeroCount the values {@code <= 0}.
     * @param indexes   native bucket indexes holding values, increasing.
     * @param counts    the count per index.
     */
    public record Before(long sum, long zeroCount, int[] indexes, long[] counts)
    {
    }

    /** @return the number of buckets. */
    public int size()
    {
        return startMs.length;
    }
}

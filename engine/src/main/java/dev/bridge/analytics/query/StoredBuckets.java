package dev.bridge.analytics.query;

import dev.bridge.analytics.series.SeriesInfo;

/**
 * The stored buckets of one series at one resolution, oldest first, as {@link BucketSeriesQuery} reads them for the
 * PromQL engine. The arrays are owned by this record: do not change them. Not to be changed; safe to share once built.
 *
 * @param series         the series.
 * @param widthMs        the resolution's bucket width.
 * @param startMs        bucket starts, increasing.
 * @param count          values per bucket (for counters: adds).
 * @param sum            sum per bucket (for counters: the increments).
 * @param last           last value per bucket.
 * @param classicBelow   histogram series: per bucket, the number of values at or below each configured bound
 *                       (the same counting as the scrape's {@code _bucket}s); null for other metrics.
 * @param totalBeforeSum the sum of the series over everything stored before the first bucket (counters; 0 for
 *                       other metrics): added to the running total so that it equals the exported counter.
 */
public record StoredBuckets(
    SeriesInfo series, long widthMs, long[] startMs, long[] count, long[] sum, long[] last, long[][] classicBelow,
    long totalBeforeSum)
{
    /** @return the number of buckets. */
    public int size()
    {
        return startMs.length;
    }
}

package dev.bridge.analytics.query;

import dev.bridge.analytics.series.SeriesInfo;

/**
 * The stored buckets of one series at one resolution, oldest first, as {@link BucketSeriesQuery} reads them for the
 * PromQL engine, with what the series held before the first of them (its running totals since it was created, read
 * from the store's totals so that they equal what {@code /metrics} exports). The arrays are owned by this record: do
 * not change them. Not to be changed; safe to share once built.
 *
 * @param series       the series.
 * @param widthMs      the resolution's bucket width.
 * @param startMs      bucket starts, increasing.
 * @param count        values per bucket (for counters: adds).
 * @param sum          sum per bucket (for counters: the increments).
 * @param last         last value per bucket.
 * @param classicBelow histogram series: per bucket, the number of values at or below each configured bound
 *                     (the same counting as the scrape's {@code _bucket}s); null for other metrics.
 * @param before       what the series had recorded before {@code fromMs} (the read's start).
 */
public record StoredBuckets(
    SeriesInfo series, long widthMs, long[] startMs, long[] count, long[] sum, long[] last, long[][] classicBelow,
    Before before)
{
    /**
     * The series' running totals at the read's start: everything recorded before it since the series was created.
     *
     * @param count        values (counters: adds; 0 when none).
     * @param sum          their sum (counters: the total).
     * @param classicBelow histograms: per configured bound, values at or below it; null for other metrics.
     * @param last         the newest value before the start (gauges), or null when none was stored.
     */
    public record Before(long count, long sum, long[] classicBelow, Long last)
    {
        /** Nothing before the start. */
        public static final Before NONE = new Before(0, 0, null, null);

        /** @return whether the series had recorded anything before the start. */
        public boolean any()
        {
            return count > 0 || last != null;
        }
    }

    /** @return the number of buckets. */
    public int size()
    {
        return startMs.length;
    }
}

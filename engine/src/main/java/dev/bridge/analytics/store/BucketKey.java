package dev.bridge.analytics.store;

/**
 * Packs (series id, resolution index, bucket start in seconds) into one long key. Stateless, thread-safe.
 * <pre>
 *  63            40 39    36 35                               0
 * +----------------+--------+----------------------------------+
 * | series id (24) | res (4)| bucket start, epoch seconds (36) |
 * +----------------+--------+----------------------------------+
 * </pre>
 * 36 bits of seconds reach the year 4147; 24 bits allow 16,777,216 series. Resolution {@value #TOTALS_RESOLUTION}
 * holds no buckets but one entry per series, its running totals since it was created ({@link #totals}), which no
 * retention removes (configured resolutions take indexes 0..2).
 */
public final class BucketKey
{
    /** Series ids must stay below this (24 bits). */
    public static final int MAX_SERIES = 1 << 24;
    private static final long SECONDS_MASK = (1L << 36) - 1;

    private BucketKey()
    {
    }

    /** Index of the raw resolution (rollups take the next indexes). */
    public static final int RAW_RESOLUTION = 0;

    /**
     * Index of the running totals: one entry per series in the aggregate and histogram maps, at bucket start 0, that
     * the consumer writes at each commit (everything the series ever recorded) and nothing expires.
     */
    public static final int TOTALS_RESOLUTION = 15;

    /** @return the key of the running totals of {@code seriesId}. */
    public static long totals(final int seriesId)
    {
        return pack(seriesId, TOTALS_RESOLUTION, 0L);
    }

    /** @return true when {@code key} is a series' running totals ({@link #totals}), not a bucket. */
    public static boolean isTotals(final long key)
    {
        return resolutionIndex(key) == TOTALS_RESOLUTION;
    }

    /** @return the key of a raw bucket. */
    public static long raw(final int seriesId, final long bucketStartSec)
    {
        return pack(seriesId, RAW_RESOLUTION, bucketStartSec);
    }

    /** @return the packed key. */
    public static long pack(final int seriesId, final int resolutionIndex, final long bucketStartSec)
    {
        return ((long)seriesId << 40) | ((long)resolutionIndex << 36) | (bucketStartSec & SECONDS_MASK);
    }

    public static int seriesId(final long key)
    {
        return (int)(key >>> 40);
    }

    public static int resolutionIndex(final long key)
    {
        return (int)((key >>> 36) & 0xF);
    }

    public static long bucketStartSec(final long key)
    {
        return key & SECONDS_MASK;
    }
}

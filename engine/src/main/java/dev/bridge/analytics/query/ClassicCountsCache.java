package dev.bridge.analytics.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.Arrays;

/**
 * The cumulative counts at the classic bounds of stored histogram buckets, kept between queries so that a
 * {@code query_range} decodes each stored HdrHistogram once instead of once per query (decoding was 70% of a 24 h
 * {@code histogram_quantile} query). Bounded: at most {@code maxBuckets} entries, least recently/frequently used
 * evicted first (Caffeine's W-TinyLFU).
 * <p>
 * The rules that keep it exact ({@link BucketSeriesQuery} applies the first two when it stores):
 * <ul>
 * <li>only buckets whose time has passed are stored (the still-open bucket changes with every value);</li>
 * <li>only counts computed from a histogram whose total equals the bucket's aggregate count are stored (a consistent
 *     read of both: the consumer writes them separately);</li>
 * <li>an entry is used only while the bucket's aggregate count read by the asking query still equals the count it was
 *     computed at, and for the same bounds: a late value merged into a closed bucket raises its count, so the entry
 *     is recomputed (a histogram only ever gains values, so equal counts mean equal contents).</li>
 * </ul>
 * Thread-safe, non-blocking for readers (Caffeine). The arrays handed out are shared: callers must not change them.
 */
public final class ClassicCountsCache
{
    /** The default bound: 65,536 buckets (45 days of 1 min buckets of one histogram series), about 15 MB. */
    public static final int DEFAULT_MAX_BUCKETS = 65_536;

    private final Cache<Long, Entry> entries;

    /** @param maxBuckets the most buckets kept (0 keeps none). */
    public ClassicCountsCache(final int maxBuckets)
    {
        if (maxBuckets < 0)
        {
            throw new IllegalArgumentException("maxBuckets " + maxBuckets + " is negative");
        }
        this.entries = Caffeine.newBuilder().maximumSize(maxBuckets).executor(Runnable::run).build();
    }

    /**
     * @param bucketKey the stored bucket's key.
     * @param count     the bucket's aggregate count as the caller read it.
     * @param upper     the classic bounds asked for.
     * @return the cumulative counts at {@code upper} stored for this bucket at this count, or null.
     */
    public long[] get(final long bucketKey, final long count, final double[] upper)
    {
        final Entry entry = entries.getIfPresent(bucketKey);
        return entry != null && entry.count == count && Arrays.equals(entry.upper, upper) ? entry.cumulative : null;
    }

    /**
     * Keeps {@code cumulative} for the bucket at {@code count} (the caller checked the storing rules of the class
     * comment); replaces what the bucket had.
     */
    public void put(final long bucketKey, final long count, final double[] upper, final long[] cumulative)
    {
        entries.put(bucketKey, new Entry(count, upper, cumulative));
    }

    /** @return how many buckets are kept now (after pending evictions). */
    public long size()
    {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private record Entry(long count, double[] upper, long[] cumulative)
    {
    }
}

package dev.bridge.analytics.store;

/**
 * How many entries each map of a new store is created with. The aggregate map holds exactly its entries. The
 * histogram and sample maps start smaller and grow on demand ({@link #GROWTH}: Chronicle Map's extra segment tiers,
 * allocated in the file only when needed), because the size of their values varies a hundredfold: an HdrHistogram
 * bucket with one value encodes in 43 bytes, one with 10,000 log-normal latencies in 1,758. A store that exists keeps
 * the capacity it was created with (Chronicle Map files do not grow past it). Immutable; thread-safe.
 *
 * @param aggregateEntries buckets of the aggregate map ({@code engine.store_entries}).
 * @param histogramEntries initial buckets of the histogram map (values of {@link #HISTOGRAM_VALUE_BYTES} on average);
 *                         it grows to {@link #GROWTH} times that.
 * @param sampleEntries    initial raw buckets of the exact-sample map; grows to {@link #GROWTH} times that.
 * @param maxSeries        series of the series map and of the running totals' map ({@code engine.max_series}).
 * @param totalHistogramEntries initial entries of the running totals' histogram map (values of
 *                         {@link #TOTAL_HISTOGRAM_VALUE_BYTES} on average); it grows to {@link #GROWTH} times that.
 */
public record StoreCapacity(
    long aggregateEntries, long histogramEntries, long sampleEntries, int maxSeries, long totalHistogramEntries)
{
    /** The smallest map Chronicle is asked for: tiny maps waste nothing and keep tests and merges simple. */
    static final long MIN_ENTRIES = 1_000;
    /** How many times its initial entries the histogram and sample maps may grow to (Chronicle's max bloat factor). */
    public static final int GROWTH = 8;
    /** The average histogram encoding the histogram map is laid out for: a bucket of ~1,300 latencies. */
    static final int HISTOGRAM_VALUE_BYTES = 1024;
    /**
     * The average running-totals histogram the totals histogram map is laid out for (everything a series recorded:
     * 1,758 bytes for 10,000 log-normal latencies, a little more as the distribution widens).
     */
    static final int TOTAL_HISTOGRAM_VALUE_BYTES = 2048;

    /** As the canonical constructor, with a totals histogram map laid out for a quarter of {@code maxSeries}. */
    public StoreCapacity(final long aggregateEntries, final long histogramEntries, final long sampleEntries, final int maxSeries)
    {
        this(aggregateEntries, histogramEntries, sampleEntries, maxSeries, Math.max(MIN_ENTRIES, maxSeries / 4));
    }

    public StoreCapacity
    {
        if (aggregateEntries <= 0 || histogramEntries <= 0 || sampleEntries <= 0 || maxSeries <= 0 || totalHistogramEntries <= 0)
        {
            throw new IllegalArgumentException("store capacities must be positive: " + aggregateEntries + ", " +
                histogramEntries + ", " + sampleEntries + ", " + maxSeries + ", " + totalHistogramEntries);
        }
    }

    /**
     * @return the capacity for {@code entries} aggregate buckets when nothing is known of the catalog (a merge of
     *         snapshots, tests): a histogram map that grows to twice the aggregate map, a sample map to 1/8 of it.
     */
    public static StoreCapacity forEntries(final long entries, final int maxSeries)
    {
        final long n = Math.max(MIN_ENTRIES, entries);
        return new StoreCapacity(n, Math.max(MIN_ENTRIES, n / 4), Math.max(MIN_ENTRIES, n / 64), maxSeries);
    }
}

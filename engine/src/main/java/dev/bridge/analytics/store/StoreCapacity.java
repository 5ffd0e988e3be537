package dev.bridge.analytics.store;

/**
 * How many entries each map of a new store is created with. A histogram bucket or a sample entry is only ever
 * written beside an aggregate bucket, so maps sized at most as large as the aggregate map, but never smaller than
 * what their series can use, fill no earlier than the aggregate map. A store that exists keeps the capacity it was
 * created with (Chronicle Map files do not grow past it). Immutable; thread-safe.
 *
 * @param aggregateEntries buckets of the aggregate map ({@code engine.store_entries}).
 * @param histogramEntries buckets of the histogram map.
 * @param sampleEntries    raw buckets of the exact-sample map.
 * @param maxSeries        series of the series map ({@code engine.max_series}).
 */
public record StoreCapacity(long aggregateEntries, long histogramEntries, long sampleEntries, int maxSeries)
{
    /** The smallest map Chronicle is asked for: tiny maps waste nothing and keep tests and merges simple. */
    static final long MIN_ENTRIES = 1_000;

    public StoreCapacity
    {
        if (aggregateEntries <= 0 || histogramEntries <= 0 || sampleEntries <= 0 || maxSeries <= 0)
        {
            throw new IllegalArgumentException("store capacities must be positive: " + aggregateEntries + ", " +
                histogramEntries + ", " + sampleEntries + ", " + maxSeries);
        }
    }

    /**
     * @return every map as large as the aggregate map: what a store without catalog knowledge (a merge of
     *         snapshots, tests) needs so that no map fills before the aggregate map.
     */
    public static StoreCapacity uniform(final long entries, final int maxSeries)
    {
        final long n = Math.max(MIN_ENTRIES, entries);
        return new StoreCapacity(n, n, n, maxSeries);
    }
}

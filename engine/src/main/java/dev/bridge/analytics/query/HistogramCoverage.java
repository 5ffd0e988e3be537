package dev.bridge.analytics.query;

import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreException;

/**
 * Refuses a percentile computed from a subset of a range's values. A bucket's aggregate and its histogram are
 * written by separate calls (by separate threads with per-stage pipelining), so a histogram a moment behind its
 * aggregate is normal staleness; a histogram the store refused to write (a full map) is loss, and the store records
 * it ({@link MetricStore#lostWrites()}). So: fewer histogram values than aggregate values in a store that records
 * lost writes is refused with a {@link StoreException} that says how much is covered; otherwise the histograms
 * answer. Stateless, thread-safe.
 */
public final class HistogramCoverage
{
    private HistogramCoverage()
    {
    }

    /**
     * @param covered values in the merged histograms.
     * @param total   values in the aggregates of the same buckets.
     * @throws StoreException when {@code covered < total} and the store records lost writes.
     */
    public static void check(final MetricStore store, final String metric, final long covered, final long total)
    {
        if (covered < total && store.lostWrites())
        {
            throw new StoreException(store.directory(), "percentiles of '" + metric + "' would cover only " + covered +
                " of the " + total + " values in the range: the store refused to write some of their histograms " +
                "(its write-failures.log; engine_store_write_failures), so they are not answered. Stats, counts and " +
                "rates are complete while the aggregates were written. Rebuild the store with a larger engine.store_entries (snapshot it, start on a " +
                "new data_directory, merge the snapshot)");
        }
    }
}

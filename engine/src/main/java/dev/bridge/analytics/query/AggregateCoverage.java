package dev.bridge.analytics.query;

import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreException;

import java.time.Instant;

/**
 * Refuses an answer over a range that reaches a bucket whose aggregate the store refused to write (a full
 * {@code aggregates.dat}): such an answer would sum a subset of the range's values and look complete. Ranges that end
 * before the earliest lost bucket ({@link MetricStore#aggregatesLostFromSec()}) are answered. Stateless, thread-safe.
 */
final class AggregateCoverage
{
    private AggregateCoverage()
    {
    }

    /**
     * @param toMs the end of the range (exclusive), epoch milliseconds.
     * @throws StoreException when the range ends after the earliest bucket start whose aggregate was lost.
     */
    static void check(final MetricStore store, final long toMs)
    {
        final long lostFromSec = store.aggregatesLostFromSec();
        if (lostFromSec != Long.MAX_VALUE && toMs > lostFromSec * 1000L)
        {
            final String from = lostFromSec == Long.MIN_VALUE ? "an unknown time (aggregates-lost-from is unreadable)"
                : Instant.ofEpochSecond(lostFromSec).toString();
            throw new StoreException(store.directory(), "answers over this range would miss buckets from " + from +
                " on: the store refused to write their aggregates (aggregates.dat is full; its write-failures.log, " +
                "engine_store_write_failures), so they are not answered; ranges that end before then are complete. " +
                "Rebuild the store with a larger engine.store_entries (snapshot it, start on a new data_directory, " +
                "merge the snapshot)");
        }
    }
}

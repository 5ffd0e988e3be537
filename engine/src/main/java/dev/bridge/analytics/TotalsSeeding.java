package dev.bridge.analytics;

import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.query.StatsQuery;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.store.AggregateWriter;
import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.HistogramWriter;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Gives every series that has data but no running totals ({@link BucketKey#totals}) totals equal to what the store
 * keeps of it ({@link TimeRange#ALL}, what {@code /metrics} exported before totals were kept): a store written by an
 * earlier version, or a series whose first commit was cut between its raw bucket and its totals (kill -9). So the
 * first scrape after an upgrade continues from the last one before it (no counter reset); what retention had already
 * removed is not in them. Run once at start, on the opening thread, before the pipeline writes (the maps have one
 * writer thread). One totals read per series; a series seeded reads its whole retained history once. Not
 * thread-safe.
 */
final class TotalsSeeding
{
    private static final Logger LOG = LoggerFactory.getLogger(TotalsSeeding.class);

    private TotalsSeeding()
    {
    }

    /** @return the number of series given totals. */
    static int seed(final MetricStore store, final List<SeriesInfo> series, final List<Resolution> resolutions,
        final long nowMs)
    {
        final StoreReader reader = store.newReader();
        final BucketAggregate stored = reader.aggregateScratch();
        final StatsQuery query = new StatsQuery(store, resolutions);
        final TimeRange.ResolvedRange all = TimeRange.ALL.resolve(nowMs, resolutions);
        AggregateWriter aggregates = null;
        HistogramWriter histograms = null;
        int seeded = 0;
        for (final SeriesInfo info : series)
        {
            final long key = BucketKey.totals(info.id());
            if (reader.earliestDataSec(info.id()) == StoreReader.NO_DATA || reader.readAggregate(key, stored))
            {
                continue;
            }
            final boolean histogram = info.metric().type() == MetricType.HISTOGRAM;
            final StatsQuery.Distribution distribution = histogram ?
                query.distribution(List.of(info), info.metric().histogram(), all) : null;
            final Stats stats = histogram ? distribution.stats() : query.stats(List.of(info), all);
            if (aggregates == null)
            {
                aggregates = store.newAggregateWriter();
                histograms = store.newHistogramWriter();
            }
            if (stats.count() == 0)
            {
                // everything it had has expired: empty totals, so that the next start does not read its history again
                aggregates.write(key, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0.0, 0);
                continue;
            }
            if (histogram)
            {
                histograms.write(key, distribution.histogram()); // before the aggregate: a seeded series is complete
            }
            aggregates.write(key, stats.count(), stats.sum(), stats.min(), stats.max(), sumSquares(stats), stats.last());
            seeded++;
        }
        if (seeded > 0)
        {
            LOG.info("{}: {} series had no running totals (a store from before they were kept, or cut by a crash): " +
                "their totals start from what the store keeps of them", store.directory(), seeded);
        }
        return seeded;
    }

    /** @return the sum of squares the stats were computed from (their mean and deviation), or the saturated bound. */
    private static double sumSquares(final Stats stats)
    {
        if (stats.mean() == null || stats.stddev() == null)
        {
            return Double.MAX_VALUE;
        }
        return stats.count() * (stats.stddev() * stats.stddev() + stats.mean() * stats.mean());
    }
}

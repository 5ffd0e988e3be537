package dev.bridge.analytics;

import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.StatsQuery;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.store.AggregateWriter;
import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.HistogramWriter;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreException;
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
        int skipped = 0;
        String firstProblem = null;
        for (final SeriesInfo info : series)
        {
            final long key = BucketKey.totals(info.id());
            if (reader.earliestDataSec(info.id()) == StoreReader.NO_DATA || reader.readAggregate(key, stored))
            {
                continue;
            }
            if (aggregates == null)
            {
                aggregates = store.newAggregateWriter();
                histograms = store.newHistogramWriter();
            }
            try
            {
                seeded += seed(info, key, query, all, aggregates, histograms) ? 1 : 0;
            }
            catch (final StoreException ex)
            {
                // a store that lost writes cannot answer over ALL, or a full one refuses the totals: the series
                // stays without totals (a scrape reads it over ALL, as before totals), the engine starts
                if (skipped++ == 0)
                {
                    firstProblem = ex.getMessage();
                }
            }
        }
        if (seeded > 0)
        {
            LOG.info("{}: {} series had no running totals (a store from before they were kept, or cut by a crash): " +
                "their totals start from what the store keeps of them", store.directory(), seeded);
        }
        if (skipped > 0)
        {
            LOG.warn("{}: {} series without running totals could not be given any (first: {}); their totals start " +
                "from 0 with their next value", store.directory(), skipped, firstProblem);
        }
        return seeded;
    }

    /** @return true when {@code info} got totals with data; false when it got empty ones (its data expired). */
    private static boolean seed(
        final SeriesInfo info, final long key, final StatsQuery query, final TimeRange.ResolvedRange all,
        final AggregateWriter aggregates, final HistogramWriter histograms)
    {
        final boolean histogram = info.metric().type() == MetricType.HISTOGRAM;
        final StatsQuery.Distribution distribution = histogram ?
            query.distribution(List.of(info), info.metric().histogram(), all) : null;
        final Stats stats = histogram ? distribution.stats() : query.stats(List.of(info), all);
        if (stats.count() == 0)
        {
            // everything it had has expired: empty totals, so that the next start does not read its history again
            aggregates.write(key, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0.0, 0);
            return false;
        }
        if (histogram)
        {
            histograms.write(key, distribution.histogram()); // before the aggregate: a seeded series is complete
        }
        aggregates.write(key, stats.count(), stats.sum(), stats.min(), stats.max(), sumSquares(stats), stats.last());
        return true;
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

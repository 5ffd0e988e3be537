package dev.bridge.analytics;

import dev.bridge.analytics.config.EngineSettings;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.store.SaturatingMath;
import dev.bridge.analytics.store.StoreCapacity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;

/**
 * Derives the capacity of each map of a new store from the settings and the catalog. The series a catalog allows
 * are 1 per metric without labels and label_cardinality_limit + 1 (the overflow series) per labelled metric, at most
 * max_series; each keeps {@link #bucketsPerSeries} buckets over every retention.
 * <ul>
 *   <li>aggregates: {@code engine.store_entries} buckets;</li>
 *   <li>histograms: the buckets the catalog's histogram series can keep, at most store_entries, laid out for a
 *       quarter of them and growing on demand to twice as many ({@link StoreCapacity#GROWTH}); every series may be
 *       a histogram series (StatsD timers auto-registered under one catch-all metric). Earlier versions gave the
 *       histogram map 1/8 of store_entries at 1 KB per value, which filled first under timer-heavy traffic and lost
 *       histograms while the aggregates were kept;</li>
 *   <li>samples: the raw buckets the catalog's exact-sample series can keep, at most store_entries, laid out for
 *       1/8 of them and growing on demand.</li>
 * </ul>
 * store_entries itself is the operator's disk budget: when it is below what the catalog's series can fill, an INFO
 * line at start says so and what would never fill (writes past it fail loudly: counted in
 * engine_store_write_failures, /api/health degraded, percentiles over lost histograms refused). Stateless,
 * thread-safe.
 */
final class StoreSizing
{
    private static final Logger LOG = LoggerFactory.getLogger(StoreSizing.class);
    private static final long MIN_ENTRIES = 1_000;

    private StoreSizing()
    {
    }

    /** @return the capacity of a new store for {@code settings} and {@code catalog} (warns when it can fill). */
    static StoreCapacity capacity(final EngineSettings settings, final Collection<MetricDefinition> catalog)
    {
        final long perSeries = bucketsPerSeries(settings);
        long allSeries = 0;
        long histogramSeries = 0;
        long exactSeries = 0;
        for (final MetricDefinition m : catalog)
        {
            final long bound = m.labels().isEmpty() ? 1 : settings.labelCardinalityLimit() + 1L;
            allSeries += bound;
            if (m.type() == MetricType.HISTOGRAM)
            {
                histogramSeries += bound;
                exactSeries += m.histogram().exactSamples() > 0 ? bound : 0;
            }
        }
        allSeries = Math.min(allSeries, settings.maxSeries());
        histogramSeries = Math.min(histogramSeries, settings.maxSeries());
        exactSeries = Math.min(exactSeries, settings.maxSeries());
        final long entries = settings.storeEntries();
        final long rawBuckets = buckets(settings.resolutions().get(0));
        final long histograms = Math.min(entries, SaturatingMath.multiply(histogramSeries, perSeries));
        final long samples = Math.min(entries, SaturatingMath.multiply(exactSeries, rawBuckets));
        final long full = SaturatingMath.multiply(allSeries, perSeries);
        if (entries < full)
        {
            LOG.info("store_entries {} holds every retention of {} series ({} buckets each); the catalog allows up to {} " +
                "series: set store_entries to {} so that the store can never fill (a full store refuses writes: counted " +
                "in engine_store_write_failures, /api/health degraded)", entries, entries / perSeries, perSeries,
                allSeries, full);
        }
        return new StoreCapacity(entries, Math.max(MIN_ENTRIES, histograms / 4), Math.max(MIN_ENTRIES, samples / 8),
            settings.maxSeries(), Math.max(MIN_ENTRIES, histogramSeries / 4));
    }

    /**
     * @return the buckets one series keeps in aggregates.dat over every resolution's retention (plus the live one of
     *         each); its running totals are in totals.dat.
     */
    static long bucketsPerSeries(final EngineSettings settings)
    {
        long total = 0;
        for (final Resolution r : settings.resolutions())
        {
            total += buckets(r);
        }
        return total;
    }

    private static long buckets(final Resolution r)
    {
        return r.retentionMs() / r.widthMs() + 1;
    }

}

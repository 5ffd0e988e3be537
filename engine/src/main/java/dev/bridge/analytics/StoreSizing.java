package dev.bridge.analytics;

import dev.bridge.analytics.config.EngineSettings;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.store.StoreCapacity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;

/**
 * Derives the capacity of each map of a new store from the settings and the catalog:
 * <ul>
 *   <li>aggregates: {@code engine.store_entries} buckets;</li>
 *   <li>histograms: as many (every histogram bucket has an aggregate bucket, and every series may be a histogram
 *       series: StatsD timers auto-registered under one catch-all metric); the 1/8 share of earlier versions filled
 *       first under timer-heavy traffic and lost histograms while aggregates were kept;</li>
 *   <li>samples: the raw buckets the catalog's exact-sample series can keep (series bound x raw buckets), at most
 *       store_entries.</li>
 * </ul>
 * The series a catalog allows (1 per metric without labels, label_cardinality_limit + 1 overflow per labelled
 * metric, at most max_series) times the buckets each keeps over every retention is the store_entries that never
 * fills; when store_entries is smaller a warning says so at start (writes past it fail loudly: counted in
 * engine_store_write_failures, /api/health degraded). Stateless, thread-safe.
 */
final class StoreSizing
{
    private static final Logger LOG = LoggerFactory.getLogger(StoreSizing.class);

    private StoreSizing()
    {
    }

    /** @return the capacity of a new store for {@code settings} and {@code catalog} (warns when it can fill). */
    static StoreCapacity capacity(final EngineSettings settings, final Collection<MetricDefinition> catalog)
    {
        final long perSeries = bucketsPerSeries(settings);
        long allSeries = 0;
        long exactSeries = 0;
        for (final MetricDefinition m : catalog)
        {
            final long bound = m.labels().isEmpty() ? 1 : settings.labelCardinalityLimit() + 1L;
            allSeries += bound;
            if (m.type() == MetricType.HISTOGRAM && m.histogram().exactSamples() > 0)
            {
                exactSeries += bound;
            }
        }
        allSeries = Math.min(allSeries, settings.maxSeries());
        exactSeries = Math.min(exactSeries, settings.maxSeries());
        final long entries = settings.storeEntries();
        final long rawBuckets = buckets(settings.resolutions().get(0));
        final long samples = Math.min(entries, saturatedProduct(exactSeries, rawBuckets));
        final long full = saturatedProduct(allSeries, perSeries);
        if (entries < full)
        {
            LOG.info("store_entries {} holds every retention of {} series ({} buckets each); the catalog allows up to {} " +
                "series: set store_entries to {} so that the store can never fill (a full store refuses writes: counted " +
                "in engine_store_write_failures, /api/health degraded)", entries, entries / perSeries, perSeries,
                allSeries, full);
        }
        return new StoreCapacity(entries, entries, Math.max(1_000, samples), settings.maxSeries());
    }

    /** @return the buckets one series keeps over every resolution's retention (plus the live one of each). */
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

    private static long saturatedProduct(final long a, final long b)
    {
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}

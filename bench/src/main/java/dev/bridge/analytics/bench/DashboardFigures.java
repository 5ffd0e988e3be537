package dev.bridge.analytics.bench;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.MetricType;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard of a load run, read back from the engine after the final flush: operation, cache, optimisation
 * and error totals are the store's gains over the run (after - before, per metric); latency and duration figures
 * are {@link Stats} of the run's buckets, with their p50, p95 and p99 from the engine's merged histograms.
 * Immutable; thread-safe.
 *
 * @param runSeconds     warm-up plus timed window, the divisor of the rates.
 * @param totals         per metric: counters' total added, histograms' and gauges' number of values.
 * @param latencies      stats over the run of read_latency_us, write_latency_us, grpc_latency_us,
 *                       optimization_duration_ms (those the catalog has).
 * @param activeSessions last value of active_sessions, or null.
 * @param lastImprovement last value of optimization_improvement, or null.
 * @param percentiles    per latency metric: p50, p95, p99 over the run (nulls without data).
 */
public record DashboardFigures(
    double runSeconds, Map<String, Long> totals, Map<String, Stats> latencies, Long activeSessions,
    Long lastImprovement, Map<String, Long[]> percentiles)
{
    static final double[] PERCENTILES = { 0.5, 0.95, 0.99 };

    static final String[] LATENCY_METRICS = {
        "read_latency_us", "write_latency_us", "grpc_latency_us", "optimization_duration_ms" };

    /**
     * @param runStartMs epoch ms when the run (warm-up) started: the first bucket of the run's range.
     */
    public static DashboardFigures collect(
        final AnalyticsEngine engine, final SeriesPlan plan, final SeriesSnapshot before, final SeriesSnapshot after,
        final double runSeconds, final long runStartMs)
    {
        final Map<String, Long> totals = new HashMap<>();
        for (final PlannedSeries s : plan.series())
        {
            final long gain = s.type() == MetricType.COUNTER ?
                after.sum(s.index()) - before.sum(s.index()) : after.count(s.index()) - before.count(s.index());
            totals.merge(s.metric(), gain, Long::sum);
        }
        final TimeRange run = TimeRange.between(
            Instant.ofEpochMilli(runStartMs - Math.floorMod(runStartMs, 1000L)),
            Instant.ofEpochMilli(System.currentTimeMillis() + 1000L));
        final Map<String, Stats> latencies = new LinkedHashMap<>();
        final Map<String, Long[]> percentiles = new LinkedHashMap<>();
        for (final String metric : LATENCY_METRICS)
        {
            if (plan.indexOf(metric) >= 0)
            {
                latencies.put(metric, engine.queries().stats(metric, run));
                final Map<Double, Long> values = engine.queries().percentiles(metric, Map.of(), run, PERCENTILES).values();
                percentiles.put(metric, new Long[]{ values.get(0.5), values.get(0.95), values.get(0.99) });
            }
        }
        return new DashboardFigures(runSeconds, Map.copyOf(totals), latencies,
            last(engine, plan, "active_sessions", run), last(engine, plan, "optimization_improvement", run), percentiles);
    }

    private static Long last(final AnalyticsEngine engine, final SeriesPlan plan, final String metric, final TimeRange run)
    {
        return plan.indexOf(metric) >= 0 ? engine.queries().stats(metric, run).last() : null;
    }

    /** @return the total of {@code metric}, 0 when the catalog lacks it. */
    public long total(final String metric)
    {
        return totals.getOrDefault(metric, 0L);
    }

    /** @return {@code metric}'s total per second of the run. */
    public double rate(final String metric)
    {
        return total(metric) / runSeconds;
    }

    /** @return reads + writes + deletes. */
    public long operations()
    {
        return total("variable_read") + total("variable_write") + total("variable_delete");
    }

    /** @return hits / (hits + misses), or null without lookups. */
    public Double cacheHitRate()
    {
        final long lookups = total("cache_hit") + total("cache_miss");
        return lookups == 0 ? null : (double)total("cache_hit") / lookups;
    }

    /** @return completed / (completed + failed), or null without finished runs. */
    public Double optimisationSuccessRate()
    {
        final long finished = total("optimization_completed") + total("optimization_failed");
        return finished == 0 ? null : (double)total("optimization_completed") / finished;
    }

    /** @return operation, gRPC and timeout errors. */
    public long errors()
    {
        return total("operation_error") + total("grpc_error") + total("timeout_error");
    }

    /** @return operation errors per operation, or null without operations. */
    public Double errorRate()
    {
        return operations() == 0 ? null : (double)total("operation_error") / operations();
    }
}

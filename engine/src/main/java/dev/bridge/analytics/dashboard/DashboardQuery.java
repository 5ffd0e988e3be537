package dev.bridge.analytics.dashboard;

import dev.bridge.analytics.query.StoreQueries;
import dev.bridge.analytics.query.TimeRange;

import java.util.List;

import static dev.bridge.analytics.dashboard.DashboardMetrics.ACTIVE_SESSIONS;
import static dev.bridge.analytics.dashboard.DashboardMetrics.CACHE_EVICTION;
import static dev.bridge.analytics.dashboard.DashboardMetrics.CACHE_HIT;
import static dev.bridge.analytics.dashboard.DashboardMetrics.CACHE_MISS;
import static dev.bridge.analytics.dashboard.DashboardMetrics.ERRORS;
import static dev.bridge.analytics.dashboard.DashboardMetrics.LATENCY_PERCENTILES;
import static dev.bridge.analytics.dashboard.DashboardMetrics.MEMORY_USAGE_MB;
import static dev.bridge.analytics.dashboard.DashboardMetrics.OPERATIONS;
import static dev.bridge.analytics.dashboard.DashboardMetrics.OPTIMIZATION_COMPLETED;
import static dev.bridge.analytics.dashboard.DashboardMetrics.OPTIMIZATION_DURATION_MS;
import static dev.bridge.analytics.dashboard.DashboardMetrics.OPTIMIZATION_FAILED;
import static dev.bridge.analytics.dashboard.DashboardMetrics.OPTIMIZATION_STARTED;
import static dev.bridge.analytics.dashboard.DashboardMetrics.PROCESS_COUNT;
import static dev.bridge.analytics.dashboard.DashboardMetrics.READ_LATENCY_US;
import static dev.bridge.analytics.dashboard.DashboardMetrics.VARIABLE_READ;
import static dev.bridge.analytics.dashboard.DashboardMetrics.VARIABLE_WRITE;
import static dev.bridge.analytics.dashboard.DashboardMetrics.WRITE_LATENCY_US;

/**
 * Computes a {@link Dashboard} from the queries of an engine or a reader (what
 * {@link dev.bridge.analytics.AnalyticsQueries#dashboard} runs).
 * <p>
 * Every figure is its own store query, all over the same buckets: the range is resolved once, at the dashboard's
 * instant, and every figure reads those buckets. Events committed while the queries run may show in some figures and
 * not in others; call {@code engine.flush()} first for a settled view. Derived fields follow these rules: a total of
 * several metrics sums those with data (null when none has any); a ratio is null when its denominator is zero or
 * null, or when a metric it needs is not in the catalog.
 * <p>
 * Stateless; thread-safe.
 */
public final class DashboardQuery
{
    private DashboardQuery()
    {
    }

    /** @return the dashboard of {@code range}, as of the queries' clock now. */
    public static Dashboard run(final StoreQueries queries, final TimeRange range)
    {
        return run(queries, range, queries.clock().time());
    }

    /** @return the dashboard of {@code range} as of {@code nowMs} (an export's dashboard: its snapshot's instant). */
    public static Dashboard run(final StoreQueries queries, final TimeRange range, final long nowMs)
    {
        final MetricReader reader = new MetricReader(queries, range, nowMs);
        return compute(reader, nowMs, range, reader.resolved());
    }

    private static Dashboard compute(
        final MetricReader reader, final long nowMs, final TimeRange range, final TimeRange.ResolvedRange resolved)
    {
        final Dashboard.Operations operations = operations(reader);
        return new Dashboard(
            nowMs,
            range(range, resolved),
            operations,
            performance(reader),
            cache(reader),
            optimizations(reader),
            health(reader, operations.totalOperations()));
    }

    private static Dashboard.Range range(final TimeRange range, final TimeRange.ResolvedRange resolved)
    {
        return new Dashboard.Range(
            range.toString(),
            resolved.all() ? null : resolved.fromMs(),
            resolved.all() ? null : resolved.toMs(),
            resolved.resolution().widthMs());
    }

    private static Dashboard.Operations operations(final MetricReader reader)
    {
        return new Dashboard.Operations(reader.rate(VARIABLE_READ), reader.rate(VARIABLE_WRITE), reader.total(OPERATIONS));
    }

    private static Dashboard.Performance performance(final MetricReader reader)
    {
        final Long[] read = reader.percentiles(READ_LATENCY_US, LATENCY_PERCENTILES);
        final Long[] write = reader.percentiles(WRITE_LATENCY_US, LATENCY_PERCENTILES);
        return new Dashboard.Performance(read[0], read[1], read[2], write[0], write[1], write[2]);
    }

    private static Dashboard.Cache cache(final MetricReader reader)
    {
        final Long hits = reader.total(CACHE_HIT);
        final Long misses = reader.total(CACHE_MISS);
        final Double hitRate = reader.inCatalog(CACHE_HIT) && reader.inCatalog(CACHE_MISS) ?
            ratio(zeroIfNull(hits), zeroIfNull(hits) + zeroIfNull(misses)) : null;
        return new Dashboard.Cache(hitRate, hits, misses, reader.total(CACHE_EVICTION));
    }

    private static Dashboard.Optimizations optimizations(final MetricReader reader)
    {
        final Long completed = reader.total(OPTIMIZATION_COMPLETED);
        final Long failed = reader.total(OPTIMIZATION_FAILED);
        final Double successRate = reader.inCatalog(OPTIMIZATION_COMPLETED) && reader.inCatalog(OPTIMIZATION_FAILED) ?
            ratio(zeroIfNull(completed), zeroIfNull(completed) + zeroIfNull(failed)) : null;
        return new Dashboard.Optimizations(
            active(reader.over(TimeRange.ALL)), completed, failed, successRate, reader.mean(OPTIMIZATION_DURATION_MS));
    }

    /**
     * Runs in progress now: started - completed - failed over everything stored, at least 0; null when the catalog
     * lacks optimization_started or no run was recorded.
     */
    private static Long active(final MetricReader all)
    {
        final Long started = all.total(OPTIMIZATION_STARTED);
        final Long finished = all.total(List.of(OPTIMIZATION_COMPLETED, OPTIMIZATION_FAILED));
        if (!all.inCatalog(OPTIMIZATION_STARTED) || (started == null && finished == null))
        {
            return null;
        }
        return Math.max(0L, zeroIfNull(started) - zeroIfNull(finished));
    }

    private static Dashboard.Health health(final MetricReader reader, final Long totalOperations)
    {
        final boolean errorsInCatalog = ERRORS.stream().anyMatch(reader::inCatalog);
        final Double errorRate = errorsInCatalog && totalOperations != null ?
            ratio(zeroIfNull(reader.total(ERRORS)), totalOperations) : null;
        return new Dashboard.Health(
            errorRate, reader.last(ACTIVE_SESSIONS), reader.last(MEMORY_USAGE_MB), reader.last(PROCESS_COUNT));
    }

    private static Double ratio(final long numerator, final long denominator)
    {
        return denominator == 0 ? null : (double)numerator / denominator;
    }

    private static long zeroIfNull(final Long value)
    {
        return value == null ? 0L : value;
    }
}

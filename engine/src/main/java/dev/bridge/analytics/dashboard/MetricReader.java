package dev.bridge.analytics.dashboard;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.StoreQueries;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.MetricDefinition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the dashboard's metrics over one range resolved once at the dashboard's instant (so every figure reads the
 * same buckets), every series of a metric merged, and answers null instead of
 * failing when the catalog lacks a metric or has it under another type, or when the range holds no data.
 * The stats of a metric are read once per reader (one dashboard asks several fields of the same metric).
 * Thread-safe if the queries are (they are): its only state is a concurrent memo of stats.
 */
final class MetricReader
{
    private final StoreQueries queries;
    private final long nowMs;
    private final TimeRange.ResolvedRange resolved;
    private final Map<String, Stats> statsByMetric = new ConcurrentHashMap<>();

    MetricReader(final StoreQueries queries, final TimeRange range, final long nowMs)
    {
        this.queries = queries;
        this.nowMs = nowMs;
        this.resolved = range.resolve(nowMs, queries.config().engine().resolutions());
    }

    /** @return the range as resolved at the dashboard's instant. */
    TimeRange.ResolvedRange resolved()
    {
        return resolved;
    }

    /** @return a reader of the same metrics over {@code other}, at the same instant. */
    MetricReader over(final TimeRange other)
    {
        return new MetricReader(queries, other, nowMs);
    }

    /** @return true when the catalog has {@code metric} with the type the dashboard expects. */
    boolean inCatalog(final DashboardMetrics.Metric metric)
    {
        return queries.config().metric(metric.name())
            .map(MetricDefinition::type)
            .filter(type -> type == metric.type())
            .isPresent();
    }

    /** @return the stats of {@code metric} over the range; {@link Stats#EMPTY} when it is not in the catalog. */
    Stats stats(final DashboardMetrics.Metric metric)
    {
        return inCatalog(metric) ?
            statsByMetric.computeIfAbsent(metric.name(), name -> queries.stats(name, Map.of(), resolved)) : Stats.EMPTY;
    }

    /** @return the total of a counter over the range; null without data. */
    Long total(final DashboardMetrics.Metric metric)
    {
        final Stats stats = stats(metric);
        return stats.count() == 0 ? null : stats.sum();
    }

    /** @return the sum of the totals of {@code metrics}; null when none has data. */
    Long total(final List<DashboardMetrics.Metric> metrics)
    {
        Long sum = null;
        for (final DashboardMetrics.Metric metric : metrics)
        {
            final Long total = total(metric);
            if (total != null)
            {
                sum = sum == null ? total : sum + total;
            }
        }
        return sum;
    }

    /**
     * @return the current value of a gauge: the newest value known, whatever the range
     *         ({@link StoreQueries#latest}); null when it never had data or is not in the catalog.
     */
    Long last(final DashboardMetrics.Metric metric)
    {
        return inCatalog(metric) ? queries.latest(metric.name(), Map.of()) : null;
    }

    /** @return the mean of a histogram's values in the range; null without data. */
    Double mean(final DashboardMetrics.Metric metric)
    {
        return stats(metric).mean();
    }

    /** @return {@link StoreQueries#rate} of {@code metric} over the range; null without data. */
    Double rate(final DashboardMetrics.Metric metric)
    {
        return inCatalog(metric) ? queries.rate(metric.name(), Map.of(), resolved, nowMs) : null;
    }

    /** @return the values of a histogram at {@code fractions}, in order; nulls without data. */
    Long[] percentiles(final DashboardMetrics.Metric metric, final double... fractions)
    {
        final Long[] values = new Long[fractions.length];
        if (inCatalog(metric))
        {
            final Map<Double, Long> byFraction = queries.percentiles(metric.name(), Map.of(), resolved, fractions).values();
            for (int i = 0; i < fractions.length; i++)
            {
                values[i] = byFraction.get(fractions[i]);
            }
        }
        return values;
    }
}

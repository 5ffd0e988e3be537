package dev.bridge.analytics.dashboard;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.MetricDefinition;

import java.util.List;
import java.util.Map;

/**
 * Reads the dashboard's metrics over one range, every series of a metric merged, and answers null instead of
 * failing when the catalog lacks a metric or has it under another type, or when the range holds no data.
 * The stats of a metric are read once per reader (one dashboard asks several fields of the same metric).
 * Thread-safe if the queries are (they are): its only state is a concurrent memo of stats.
 */
final class MetricReader
{
    private final AnalyticsQueries queries;
    private final TimeRange range;
    private final Map<String, Stats> statsByMetric = new java.util.concurrent.ConcurrentHashMap<>();

    MetricReader(final AnalyticsQueries queries, final TimeRange range)
    {
        this.queries = queries;
        this.range = range;
    }

    /** @return a reader of the same metrics over {@code other}. */
    MetricReader over(final TimeRange other)
    {
        return new MetricReader(queries, other);
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
            statsByMetric.computeIfAbsent(metric.name(), name -> queries.stats(name, Map.of(), range)) : Stats.EMPTY;
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
     *         ({@link AnalyticsQueries#latest}); null when it never had data or is not in the catalog.
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

    /** @return {@link AnalyticsQueries#rate} of {@code metric} over the range; null without data. */
    Double rate(final DashboardMetrics.Metric metric)
    {
        return inCatalog(metric) ? queries.rate(metric.name(), Map.of(), range) : null;
    }

    /** @return the values of a histogram at {@code fractions}, in order; nulls without data. */
    Long[] percentiles(final DashboardMetrics.Metric metric, final double... fractions)
    {
        final Long[] values = new Long[fractions.length];
        if (inCatalog(metric))
        {
            final Map<Double, Long> byFraction = queries.percentiles(metric.name(), Map.of(), range, fractions).values();
            for (int i = 0; i < fractions.length; i++)
            {
                values[i] = byFraction.get(fractions[i]);
            }
        }
        return values;
    }
}

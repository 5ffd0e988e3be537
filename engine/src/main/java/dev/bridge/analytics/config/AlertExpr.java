package dev.bridge.analytics.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an alert rule evaluates: either a metric reduced over a window ({@code metric}, {@code labels},
 * {@code aggregation}, optionally {@code by} labels and a {@code denominator} for {@code ratio}) or a field of the
 * dashboard over the window ({@code field: health.error_rate}). With {@code by}, the expression yields one value
 * per distinct combination of those labels among the metric's series (one alert each); otherwise one value.
 * Immutable, thread-safe.
 *
 * @param metric      the metric and label filter; null for a dashboard field.
 * @param field       a name of {@link #DASHBOARD_FIELDS}; null for a metric expression.
 * @param aggregation the reduction of a metric expression; null for a dashboard field.
 * @param window      the range evaluated: the last {@code window} up to the evaluation time
 *                    ({@code TimeRange.last(window)}).
 * @param by          labels of {@code metric} that split the result into one value (and alert) per label set.
 * @param denominator for {@link AlertAggregation.Kind#RATIO}: the metric whose total divides; null otherwise.
 */
public record AlertExpr(
    MetricSelector metric, String field, AlertAggregation aggregation, Duration window, List<String> by,
    MetricSelector denominator)
{
    /** The dashboard fields an expression may read, as {@code section.field} in the dashboard JSON's names. */
    public static final List<String> DASHBOARD_FIELDS = List.of(
        "operations.reads_per_second", "operations.writes_per_second", "operations.total_operations",
        "performance.read_latency_p50", "performance.read_latency_p95", "performance.read_latency_p99",
        "performance.write_latency_p50", "performance.write_latency_p95", "performance.write_latency_p99",
        "cache.hit_rate", "cache.total_hits", "cache.total_misses", "cache.evictions",
        "optimizations.active", "optimizations.completed", "optimizations.failed", "optimizations.success_rate",
        "optimizations.avg_duration_ms",
        "health.error_rate", "health.active_sessions", "health.memory_usage_mb", "health.process_count");

    public AlertExpr
    {
        Objects.requireNonNull(window, "window");
        by = List.copyOf(by);
        if ((metric == null) == (field == null))
        {
            throw new IllegalArgumentException("an expression reads either a metric or a dashboard field");
        }
        if (field != null && (aggregation != null || !by.isEmpty() || denominator != null))
        {
            throw new IllegalArgumentException("a dashboard field takes no aggregation, by or denominator");
        }
        if (field != null && !DASHBOARD_FIELDS.contains(field))
        {
            throw new IllegalArgumentException("unknown dashboard field '" + field + "'");
        }
        if (metric != null && aggregation == null)
        {
            throw new IllegalArgumentException("a metric expression needs an aggregation");
        }
        if (metric != null && (aggregation.kind() == AlertAggregation.Kind.RATIO) != (denominator != null))
        {
            throw new IllegalArgumentException("a denominator goes with aggregation ratio, and only with it");
        }
        if (window.isZero() || window.isNegative())
        {
            throw new IllegalArgumentException("window must be > 0, was " + Durations.format(window));
        }
    }

    /** @return an expression over a metric. */
    public static AlertExpr ofMetric(
        final MetricSelector metric, final AlertAggregation aggregation, final Duration window, final List<String> by,
        final MetricSelector denominator)
    {
        return new AlertExpr(metric, null, aggregation, window, by, denominator);
    }

    /** @return an expression over a dashboard field. */
    public static AlertExpr ofField(final String field, final Duration window)
    {
        return new AlertExpr(null, field, null, window, List.of(), null);
    }

    @Override
    public String toString()
    {
        if (field != null)
        {
            return field + "[" + Durations.format(window) + "]";
        }
        return aggregation + "(" + metric + (denominator == null ? "" : " / " + denominator) + ")[" +
            Durations.format(window) + "]" + (by.isEmpty() ? "" : " by " + by);
    }
}

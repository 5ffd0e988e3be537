package dev.bridge.analytics.config;

import java.util.Map;
import java.util.Objects;

/**
 * One line of a dashboard panel: a catalog metric reduced per interval by an aggregation, optionally restricted to
 * the series whose labels match. Immutable, thread-safe.
 *
 * @param label       the legend text (defaults to the metric and aggregation, e.g. {@code read_latency_us p99}).
 * @param metric      a catalog metric.
 * @param aggregation a {@code /api/query} aggregation: avg, sum, min, max, count, rate or pNN.
 * @param labels      label name to value; empty for every series of the metric.
 */
public record DashboardLine(String label, String metric, String aggregation, Map<String, String> labels)
{
    public DashboardLine
    {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(aggregation, "aggregation");
        labels = Map.copyOf(labels);
    }
}

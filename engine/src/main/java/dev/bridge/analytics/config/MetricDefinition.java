package dev.bridge.analytics.config;

import java.util.List;
import java.util.Objects;

/**
 * One metric of the catalog. Immutable, thread-safe.
 *
 * @param name      metric name, {@code [a-z_][a-z0-9_]*}.
 * @param type      counter, histogram or gauge.
 * @param unit      unit of the recorded values, e.g. {@code microseconds}, {@code operations}, {@code megabytes}.
 * @param help      one-line description.
 * @param labels    allowed label names, in declaration order; handles must give values for exactly these names.
 * @param histogram range and precision; non-null exactly when {@code type == HISTOGRAM}.
 */
public record MetricDefinition(
    String name, MetricType type, String unit, String help, List<String> labels, HistogramSpec histogram)
{
    public MetricDefinition
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(help, "help");
        labels = List.copyOf(labels);
        if ((type == MetricType.HISTOGRAM) != (histogram != null))
        {
            throw new IllegalArgumentException(type == MetricType.HISTOGRAM ?
                "histogram metric needs a histogram range" : "only histogram metrics take a histogram range");
        }
    }

    /** @return true when negative values are valid for this metric (gauges only). */
    public boolean allowsNegative()
    {
        return type == MetricType.GAUGE;
    }
}

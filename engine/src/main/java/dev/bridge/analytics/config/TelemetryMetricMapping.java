package dev.bridge.analytics.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One metric a telemetry event feeds. Immutable, thread-safe.
 *
 * @param metric the catalog metric.
 * @param type   counter, sum, last_value or distribution; must fit the metric's type.
 * @param tags   the event's tags kept as labels (each a label of the metric); the event's other tags are dropped.
 *               Null: every tag of the event that is a label of the metric.
 * @param keep   when not empty, only events whose tags have these values are recorded.
 * @param drop   events whose tags have any of these values are not recorded.
 */
public record TelemetryMetricMapping(
    String metric, TelemetryMetricType type, List<String> tags, Map<String, String> keep, Map<String, String> drop)
{
    public TelemetryMetricMapping
    {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(type, "type");
        tags = tags == null ? null : List.copyOf(tags);
        keep = Map.copyOf(keep);
        drop = Map.copyOf(drop);
    }

    /** A mapping that keeps the default tags and filters nothing. */
    public TelemetryMetricMapping(final String metric, final TelemetryMetricType type)
    {
        this(metric, type, null, Map.of(), Map.of());
    }
}

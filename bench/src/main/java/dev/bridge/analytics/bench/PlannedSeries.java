package dev.bridge.analytics.bench;

import dev.bridge.analytics.config.MetricType;

import java.util.Map;
import java.util.stream.Stream;

/**
 * One series the load run publishes to. Immutable, thread-safe.
 *
 * @param index    dense index in the {@link SeriesPlan}, used by the workload tables and per-series counts.
 * @param metric   catalog metric name.
 * @param type     the metric's type in the catalog.
 * @param labels   every declared label of the metric, in declaration order (unset ones are "").
 * @param maxValue largest value the workload generates (the histogram's highest, the largest the HdrHistogram tells
 *                 apart; Long.MAX_VALUE otherwise).
 */
public record PlannedSeries(int index, String metric, MetricType type, Map<String, String> labels, long maxValue)
{
    /** @return the labels as name, value pairs for the engine's handle methods (unset labels left out). */
    public String[] labelPairs()
    {
        return labels.entrySet().stream()
            .filter(e -> !e.getValue().isEmpty())
            .flatMap(e -> Stream.of(e.getKey(), e.getValue()))
            .toArray(String[]::new);
    }

    /** @return {@code metric} or {@code metric{label=value,...}} for reports. */
    public String displayName()
    {
        if (labels.isEmpty())
        {
            return metric;
        }
        final StringBuilder sb = new StringBuilder(metric).append('{');
        labels.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",").append(k).append('=').append(v));
        return sb.append('}').toString();
    }
}

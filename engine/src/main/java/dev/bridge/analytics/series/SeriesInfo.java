package dev.bridge.analytics.series;

import dev.bridge.analytics.config.MetricDefinition;

import java.util.Map;

/**
 * One series: a metric and one set of label values, with its dense id. Immutable, thread-safe.
 *
 * @param id       dense id used in the ring and the store keys.
 * @param metric   the metric's definition.
 * @param labels   label name -> value, in the metric's declared label order.
 * @param key      canonical text key (see {@link SeriesKey}), persisted in {@code series.dat}.
 * @param overflow true for the metric's overflow series that absorbs label sets past the cardinality limit.
 */
public record SeriesInfo(int id, MetricDefinition metric, Map<String, String> labels, String key, boolean overflow)
{
}

package dev.bridge.analytics.config;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A metric and a label filter (the series whose labels include {@code labels}; empty = every series).
 * Immutable, thread-safe.
 *
 * @param metric the catalog name.
 * @param labels label name -> value, sorted by name.
 */
public record MetricSelector(String metric, Map<String, String> labels)
{
    public MetricSelector
    {
        Objects.requireNonNull(metric, "metric");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    @Override
    public String toString()
    {
        return labels.isEmpty() ? metric : metric + labels;
    }
}

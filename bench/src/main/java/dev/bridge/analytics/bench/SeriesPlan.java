package dev.bridge.analytics.bench;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The series of a load run: every metric of the catalog except the gauges the engine samples itself, with the
 * label values of the DSPex bridge for its labelled metrics (a few placeholder values for labelled metrics the
 * DSPex workload does not know). Built once at setup; immutable afterwards and thread-safe.
 */
public final class SeriesPlan
{
    /**
     * @return the gauges the engine records itself ({@code engine.resource_gauges}, sampled by ResourceSampler): the
     *         load run must not publish them.
     */
    public static Set<String> engineSampled(final EngineConfig config)
    {
        return Set.copyOf(config.engine().resourceGauges().names());
    }

    /** Label values of the DSPex bridge's labelled metrics. */
    static final Map<String, List<String>> DSPEX_LABEL_VALUES = Map.of(
        "operation_error", List.of("read", "write", "delete", "optimize"),
        "grpc_error", List.of("UNAVAILABLE", "DEADLINE_EXCEEDED", "INTERNAL", "RESOURCE_EXHAUSTED"),
        "timeout_error", List.of("read", "write", "optimize"));

    private static final List<String> PLACEHOLDER_VALUES = List.of("a", "b", "c");

    private final List<PlannedSeries> series;
    private final Map<String, Integer> byKey;

    private SeriesPlan(final List<PlannedSeries> series)
    {
        this.series = Collections.unmodifiableList(series);
        final Map<String, Integer> keys = new HashMap<>();
        for (final PlannedSeries s : series)
        {
            final String firstValue = s.labels().isEmpty() ? "" : s.labels().values().iterator().next();
            keys.put(key(s.metric(), firstValue), s.index());
        }
        this.byKey = keys;
    }

    /** @return the plan for {@code config}'s catalog. */
    public static SeriesPlan of(final EngineConfig config)
    {
        final List<PlannedSeries> series = new ArrayList<>();
        final Set<String> engineSampled = engineSampled(config);
        for (final MetricDefinition metric : config.metrics())
        {
            if (engineSampled.contains(metric.name()))
            {
                continue;
            }
            final long maxValue = metric.type() == MetricType.HISTOGRAM ?
                metric.histogram().highestTrackableValue() : Long.MAX_VALUE;
            if (metric.labels().isEmpty())
            {
                series.add(new PlannedSeries(series.size(), metric.name(), metric.type(), Map.of(), maxValue));
                continue;
            }
            for (final String value : DSPEX_LABEL_VALUES.getOrDefault(metric.name(), PLACEHOLDER_VALUES))
            {
                final Map<String, String> labels = new LinkedHashMap<>();
                for (final String name : metric.labels())
                {
                    labels.put(name, labels.isEmpty() ? value : "");
                }
                series.add(new PlannedSeries(
                    series.size(), metric.name(), metric.type(), Collections.unmodifiableMap(labels), maxValue));
            }
        }
        return new SeriesPlan(series);
    }

    /** @return every series, by index. */
    public List<PlannedSeries> series()
    {
        return series;
    }

    /** @return the number of series. */
    public int size()
    {
        return series.size();
    }

    /** @return the series at {@code index}. */
    public PlannedSeries get(final int index)
    {
        return series.get(index);
    }

    /** @return the index of an unlabelled metric's series, -1 when the catalog lacks it. */
    public int indexOf(final String metric)
    {
        return indexOf(metric, "");
    }

    /** @return the index of the series whose first label has {@code labelValue}, -1 when absent. */
    public int indexOf(final String metric, final String labelValue)
    {
        return byKey.getOrDefault(key(metric, labelValue), -1);
    }

    /** @return the distinct metric names of the plan, in catalog order. */
    public List<String> metrics()
    {
        return series.stream().map(PlannedSeries::metric).distinct().toList();
    }

    private static String key(final String metric, final String labelValue)
    {
        return metric + '\u0000' + labelValue;
    }
}

package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.StatsdAutoRegister;

import java.util.List;

/**
 * Catalog entries the listener records into, for configurations built in code (the YAML catalog declares them as
 * well): its own counts, and catch-all metrics for {@code unmapped: auto_register}. Stateless, thread-safe.
 */
public final class StatsdCatalog
{
    private StatsdCatalog()
    {
    }

    /** @return {@code statsd_lines} and {@code statsd_datagrams}: counters with an {@code outcome} label. */
    public static List<MetricDefinition> selfMetrics()
    {
        return StatsdSelfMetrics.definitions();
    }

    /**
     * @return catch-all metrics named as {@code names} says, each with the label {@code name}: a counter, a gauge,
     *         a timer histogram in microseconds (1 us to 1 h), a histogram of plain values (1 to 10^12), a gauge
     *         for sets.
     */
    public static List<MetricDefinition> autoRegisterMetrics(final StatsdAutoRegister names)
    {
        final List<String> label = List.of(StatsdAutoRegister.NAME_LABEL);
        return List.of(
            new MetricDefinition(names.counter(), MetricType.COUNTER, "events",
                "StatsD counters no mapping matched, by StatsD name.", label, null),
            new MetricDefinition(names.gauge(), MetricType.GAUGE, "values",
                "StatsD gauges no mapping matched, by StatsD name.", label, null),
            new MetricDefinition(names.timer(), MetricType.HISTOGRAM, "microseconds",
                "StatsD timers (ms) no mapping matched, by StatsD name, in microseconds.", label,
                new HistogramSpec(1, 3_600_000_000L, 3)),
            new MetricDefinition(names.histogram(), MetricType.HISTOGRAM, "values",
                "StatsD histograms and distributions no mapping matched, by StatsD name.", label,
                new HistogramSpec(1, 1_000_000_000_000L, 3)),
            new MetricDefinition(names.set(), MetricType.GAUGE, "members",
                "Distinct members of StatsD sets no mapping matched, per raw bucket, by StatsD name.", label, null));
    }
}

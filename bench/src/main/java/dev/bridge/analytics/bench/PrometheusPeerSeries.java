package dev.bridge.analytics.bench;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The peer of the load run: the series of a {@link SeriesPlan} as Prometheus client_java 1.x metrics in a registry
 * of their own, as a user would instrument the same service: one {@code Counter}, {@code Gauge} or classic-only
 * {@code Histogram} per catalog metric (with the catalog's label names; histograms with the bucket bounds the engine
 * exports for that metric, {@code export.histogram_buckets}), exemplars off. Each series' data point is resolved once
 * at setup with {@code labelValues(...)} (like the engine's handles: no per-event label lookup), so that
 * {@link #publish(int, long)} is an array load, a switch and the data point's own call: {@code inc(long)},
 * {@code observe(double)} or {@code set(double)}.
 * <p>
 * Thread-safety: immutable after construction; {@link #publish(int, long)} may be called by any number of threads
 * (client_java's data points are thread-safe); the read accessors see what was recorded before them.
 */
public final class PrometheusPeerSeries implements SeriesRecorder
{
    private static final byte COUNTER = 0;
    private static final byte HISTOGRAM = 1;
    private static final byte GAUGE = 2;

    private final byte[] kinds;
    private final int[] slots;
    private final CounterDataPoint[] counters;
    private final DistributionDataPoint[] histograms;
    private final GaugeDataPoint[] gauges;

    private PrometheusPeerSeries(
        final byte[] kinds, final int[] slots, final CounterDataPoint[] counters,
        final DistributionDataPoint[] histograms, final GaugeDataPoint[] gauges)
    {
        this.kinds = kinds;
        this.slots = slots;
        this.counters = counters;
        this.histograms = histograms;
        this.gauges = gauges;
    }

    /** Registers one metric per catalog metric of {@code plan} in a new registry and resolves every series. */
    public static PrometheusPeerSeries resolve(final EngineConfig config, final SeriesPlan plan)
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        final Map<String, Object> metrics = new HashMap<>();
        final int n = plan.size();
        final byte[] kinds = new byte[n];
        final int[] slots = new int[n];
        final CounterDataPoint[] counters = new CounterDataPoint[n];
        final DistributionDataPoint[] histograms = new DistributionDataPoint[n];
        final GaugeDataPoint[] gauges = new GaugeDataPoint[n];
        int c = 0;
        int h = 0;
        int g = 0;
        for (final PlannedSeries s : plan.series())
        {
            final MetricDefinition definition = config.metric(s.metric()).orElseThrow(
                () -> new IllegalArgumentException("the plan's metric '" + s.metric() + "' is not in the catalog"));
            final Object metric = metrics.computeIfAbsent(s.metric(), name -> register(config, definition, registry));
            final String[] labelValues = s.labels().values().toArray(String[]::new);
            final int i = s.index();
            switch (s.type())
            {
                case COUNTER ->
                {
                    kinds[i] = COUNTER;
                    slots[i] = c;
                    final Counter counter = (Counter)metric;
                    counters[c++] = labelValues.length == 0 ? counter : counter.labelValues(labelValues);
                }
                case HISTOGRAM ->
                {
                    kinds[i] = HISTOGRAM;
                    slots[i] = h;
                    final Histogram histogram = (Histogram)metric;
                    histograms[h++] = labelValues.length == 0 ? histogram : histogram.labelValues(labelValues);
                }
                default ->
                {
                    kinds[i] = GAUGE;
                    slots[i] = g;
                    final Gauge gauge = (Gauge)metric;
                    gauges[g++] = labelValues.length == 0 ? gauge : gauge.labelValues(labelValues);
                }
            }
        }
        return new PrometheusPeerSeries(kinds, slots, Arrays.copyOf(counters, c), Arrays.copyOf(histograms, h),
            Arrays.copyOf(gauges, g));
    }

    private static Object register(
        final EngineConfig config, final MetricDefinition definition, final PrometheusRegistry registry)
    {
        final String[] labelNames = definition.labels().toArray(String[]::new);
        final String help = definition.help().isEmpty() ? definition.name() : definition.help();
        return switch (definition.type())
        {
            case COUNTER -> Counter.builder().name(definition.name()).help(help).labelNames(labelNames)
                .withoutExemplars().register(registry);
            case HISTOGRAM -> Histogram.builder().name(definition.name()).help(help).labelNames(labelNames)
                .classicUpperBounds(config.export().bucketsFor(definition).stream().mapToDouble(Double::doubleValue).toArray())
                .classicOnly().withoutExemplars().register(registry);
            default -> Gauge.builder().name(definition.name()).help(help).labelNames(labelNames)
                .withoutExemplars().register(registry);
        };
    }

    @Override
    public void publish(final int seriesIndex, final long value)
    {
        final int slot = slots[seriesIndex];
        switch (kinds[seriesIndex])
        {
            case COUNTER:
                counters[slot].inc(value);
                break;
            case HISTOGRAM:
                histograms[slot].observe(value);
                break;
            default:
                gauges[slot].set(value);
                break;
        }
    }

    /** @return true when series {@code seriesIndex} is a counter. */
    boolean isCounter(final int seriesIndex)
    {
        return kinds[seriesIndex] == COUNTER;
    }

    /** @return true when series {@code seriesIndex} is a histogram. */
    boolean isHistogram(final int seriesIndex)
    {
        return kinds[seriesIndex] == HISTOGRAM;
    }

    /** @return a counter's total, a histogram's observation count or a gauge's value. */
    double value(final int seriesIndex)
    {
        final int slot = slots[seriesIndex];
        return switch (kinds[seriesIndex])
        {
            case COUNTER -> counters[slot].get();
            case HISTOGRAM -> histograms[slot].getCount();
            default -> gauges[slot].get();
        };
    }

    /** @return a histogram's sum of observations (0 for the other kinds). */
    double sum(final int seriesIndex)
    {
        return kinds[seriesIndex] == HISTOGRAM ? histograms[slots[seriesIndex]].getSum() : 0;
    }
}

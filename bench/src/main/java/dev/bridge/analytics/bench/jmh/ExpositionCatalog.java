package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@value #SERIES} series of {@link ExpositionBenchmark}, shaped like the DSPex catalog (a few metrics, each
 * with a {@code worker} label of {@value #WORKERS} values): {@value #COUNTER_METRICS} counters and
 * {@value #GAUGE_METRICS} gauges (200 series each) and {@value #HISTOGRAM_METRICS} latency histograms in
 * microseconds (100 series), each histogram with the bucket bounds of the bundled {@code read_latency_us}
 * (13 bounds and +Inf), filled with {@value #VALUES_PER_HISTOGRAM} values of {@link LatencyValues}. What each
 * series holds is a function of its index, so the engine and Micrometer get the same values.
 * Stateless, thread-safe.
 */
final class ExpositionCatalog
{
    static final int WORKERS = 50;
    static final int COUNTER_METRICS = 4;
    static final int GAUGE_METRICS = 4;
    static final int HISTOGRAM_METRICS = 2;
    static final int SERIES = (COUNTER_METRICS + GAUGE_METRICS + HISTOGRAM_METRICS) * WORKERS;
    static final int VALUES_PER_HISTOGRAM = 1000;
    static final String LABEL = "worker";
    static final List<String> COUNTERS = List.of("bridge_reads", "bridge_writes", "bridge_errors", "bridge_cache_hits");
    static final List<String> GAUGES = List.of("bridge_sessions", "bridge_queue_depth", "bridge_cache_entries", "bridge_busy_workers");
    static final List<String> HISTOGRAMS = List.of("bridge_read_latency_us", "bridge_write_latency_us");
    /** Bucket upper bounds, us: those of the bundled read_latency_us. */
    static final List<Double> BOUNDS_US = List.of(
        50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0, 25000.0, 50000.0, 100000.0, 250000.0, 1000000.0);

    private ExpositionCatalog()
    {
    }

    /** @return the label value of worker {@code w}. */
    static String worker(final int w)
    {
        return String.format("python-worker-%02d", w);
    }

    /** @return what counter {@code metric} of worker {@code w} has counted. */
    static long counterTotal(final int metric, final int w)
    {
        return 1_000L * (metric + 1) + w;
    }

    /** @return the value of gauge {@code metric} of worker {@code w}. */
    static long gaugeValue(final int metric, final int w)
    {
        return 10L * metric + w;
    }

    /** @return the {@code i}th value of histogram {@code metric} of worker {@code w}, us. */
    static long histogramValue(final long[] latencies, final int metric, final int w, final int i)
    {
        return latencies[(i + 97 * w + 4099 * metric) & LatencyValues.MASK];
    }

    /** @return the bundled defaults with this catalog instead of DSPex's, stored in {@code dir}, sampling off. */
    static EngineConfig config(final Path dir)
    {
        return config(dir, 100_000);
    }

    /** As {@link #config(Path)} with a store of {@code storeEntries} buckets (a long history needs more). */
    static EngineConfig config(final Path dir, final long storeEntries)
    {
        // resource sampling off: the engine's own gauges stay without data and out of the export, as in Micrometer
        final EngineConfig base = EngineConfig.defaults().withEngine(
            b -> b.dataDirectory(dir).storeEntries(storeEntries).resourceSamplingInterval(Duration.ZERO));
        final List<MetricDefinition> metrics = new ArrayList<>();
        for (final String name : COUNTERS)
        {
            metrics.add(new MetricDefinition(name, MetricType.COUNTER, "operations", "Benchmark counter " + name + ".",
                List.of(LABEL), null));
        }
        for (final String name : GAUGES)
        {
            metrics.add(new MetricDefinition(name, MetricType.GAUGE, "items", "Benchmark gauge " + name + ".",
                List.of(LABEL), null));
        }
        final Map<String, List<Double>> buckets = new HashMap<>();
        for (final String name : HISTOGRAMS)
        {
            metrics.add(new MetricDefinition(name, MetricType.HISTOGRAM, "microseconds",
                "Benchmark latency " + name + ".", List.of(LABEL), new HistogramSpec(1, LatencyValues.MAX_US, 3)));
            buckets.put(name, BOUNDS_US);
        }
        final ExportSettings export = new ExportSettings(
            base.export().prefix(), List.of(), buckets, base.export().statsd());
        return new EngineConfig(base.source() + " + exposition benchmark catalog", base.engine(), metrics, export,
            base.http());
    }
}

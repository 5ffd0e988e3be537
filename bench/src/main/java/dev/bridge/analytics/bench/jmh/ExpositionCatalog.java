package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.HistogramHandle;
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
 * The series of {@link ExpositionBenchmark} and {@link ScaleBenchmark}, shaped like the DSPex catalog (a few metrics,
 * each with a {@code worker} label of {@link #workers()} values): {@value #COUNTER_METRICS} counters,
 * {@value #GAUGE_METRICS} gauges and {@value #HISTOGRAM_METRICS} latency histograms in microseconds per label value,
 * so {@value #SERIES_PER_WORKER} series per worker; each histogram has the bucket bounds of the bundled
 * {@code read_latency_us} (13 bounds and +Inf) and is filled with {@value #VALUES_PER_HISTOGRAM} values of
 * {@link LatencyValues}. What each series holds is a function of its index, so the engine and Micrometer get the same
 * values ({@link #recordInto}, {@link CatalogMicrometer}).
 * <p>
 * Two sets of names: {@link #BRIDGE_NAMES} ({@link ExpositionBenchmark}'s 500 series, as measured since issue 5) and
 * {@link #DSPEX_NAMES}, the metrics {@code dashboard()} reads, so that a dashboard over the catalog reads every series.
 * Immutable, thread-safe.
 *
 * @param workers label values of the {@code worker} label.
 * @param names   the metric names.
 */
record ExpositionCatalog(int workers, Names names)
{
    static final int COUNTER_METRICS = 4;
    static final int GAUGE_METRICS = 4;
    static final int HISTOGRAM_METRICS = 2;
    static final int SERIES_PER_WORKER = COUNTER_METRICS + GAUGE_METRICS + HISTOGRAM_METRICS;
    static final int VALUES_PER_HISTOGRAM = 1000;
    static final String LABEL = "worker";
    /** {@link ExpositionBenchmark}'s names. */
    static final Names BRIDGE_NAMES = new Names(
        List.of("bridge_reads", "bridge_writes", "bridge_errors", "bridge_cache_hits"),
        List.of("bridge_sessions", "bridge_queue_depth", "bridge_cache_entries", "bridge_busy_workers"),
        List.of("bridge_read_latency_us", "bridge_write_latency_us"));
    /** Names that {@code dashboard()} reads (its operations, cache, health and latency figures). */
    static final Names DSPEX_NAMES = new Names(
        List.of("variable_read", "variable_write", "cache_hit", "cache_miss"),
        List.of("active_sessions", "memory_usage_mb", "process_count", "worker_queue_depth"),
        List.of("read_latency_us", "write_latency_us"));
    /** {@link ExpositionBenchmark}'s catalog: 50 workers, 500 series. */
    static final ExpositionCatalog BENCHMARK = new ExpositionCatalog(50, BRIDGE_NAMES);
    /** Bucket upper bounds, us: those of the bundled read_latency_us. */
    static final List<Double> BOUNDS_US = List.of(
        50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0, 25000.0, 50000.0, 100000.0, 250000.0, 1000000.0);

    /**
     * The metric names of a catalog.
     *
     * @param counters   {@value #COUNTER_METRICS} counter names.
     * @param gauges     {@value #GAUGE_METRICS} gauge names.
     * @param histograms {@value #HISTOGRAM_METRICS} histogram names, ending in {@code _us}.
     */
    record Names(List<String> counters, List<String> gauges, List<String> histograms)
    {
        Names
        {
            if (counters.size() != COUNTER_METRICS || gauges.size() != GAUGE_METRICS ||
                histograms.size() != HISTOGRAM_METRICS || !histograms.stream().allMatch(h -> h.endsWith("_us")))
            {
                throw new IllegalArgumentException("a catalog has " + COUNTER_METRICS + " counters, " + GAUGE_METRICS +
                    " gauges and " + HISTOGRAM_METRICS + " histograms ending in _us, was " + counters + ", " + gauges +
                    ", " + histograms);
            }
        }

        /** @return every metric name, counters then gauges then histograms. */
        List<String> all()
        {
            final List<String> all = new ArrayList<>(counters);
            all.addAll(gauges);
            all.addAll(histograms);
            return all;
        }
    }

    ExpositionCatalog
    {
        if (workers < 1)
        {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
    }

    /**
     * @param series a multiple of {@value #SERIES_PER_WORKER}, at least {@value #SERIES_PER_WORKER}.
     * @return the catalog of exactly {@code series} series with {@link #DSPEX_NAMES}.
     * @throws IllegalArgumentException when {@code series} is not such a multiple.
     */
    static ExpositionCatalog ofSeries(final int series)
    {
        if (series < SERIES_PER_WORKER || series % SERIES_PER_WORKER != 0)
        {
            throw new IllegalArgumentException(
                "series must be a positive multiple of " + SERIES_PER_WORKER + ", was " + series);
        }
        return new ExpositionCatalog(series / SERIES_PER_WORKER, DSPEX_NAMES);
    }

    /** @return the number of series: {@value #SERIES_PER_WORKER} per worker. */
    int series()
    {
        return SERIES_PER_WORKER * workers;
    }

    /** @return the number of histogram series. */
    int histogramSeries()
    {
        return HISTOGRAM_METRICS * workers;
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

    /**
     * Records every series' values into {@code engine} (started with {@link #config}): each counter its
     * {@link #counterTotal}, each gauge its {@link #gaugeValue}, each histogram its first {@code valuesPerHistogram}
     * latencies. Does not flush. Call from one thread.
     */
    void recordInto(final AnalyticsEngine engine, final int valuesPerHistogram)
    {
        final long[] latencies = LatencyValues.generate();
        for (int w = 0; w < workers; w++)
        {
            final String worker = worker(w);
            for (int m = 0; m < COUNTER_METRICS; m++)
            {
                engine.counter(names.counters().get(m), LABEL, worker).add(counterTotal(m, w));
            }
            for (int m = 0; m < GAUGE_METRICS; m++)
            {
                engine.gauge(names.gauges().get(m), LABEL, worker).set(gaugeValue(m, w));
            }
            for (int m = 0; m < HISTOGRAM_METRICS; m++)
            {
                final HistogramHandle histogram = engine.histogram(names.histograms().get(m), LABEL, worker);
                for (int i = 0; i < valuesPerHistogram; i++)
                {
                    histogram.record(histogramValue(latencies, m, w, i));
                }
            }
        }
    }

    /** @return the bundled defaults with this catalog instead of DSPex's, stored in {@code dir}, sampling off. */
    EngineConfig config(final Path dir)
    {
        return config(dir, 100_000);
    }

    /**
     * As {@link #config(Path)} with a store of {@code storeEntries} buckets (a long history needs more); the label
     * cardinality limit is raised to {@link #workers()} when the default (1,000) is lower.
     */
    EngineConfig config(final Path dir, final long storeEntries)
    {
        // resource sampling off: the engine's own gauges stay without data and out of the export, as in Micrometer
        final EngineConfig base = EngineConfig.defaults().withEngine(
            b -> b.dataDirectory(dir).storeEntries(storeEntries).resourceSamplingInterval(Duration.ZERO));
        final EngineConfig sized = base.engine().labelCardinalityLimit() >= workers ? base :
            base.withEngine(b -> b.labelCardinalityLimit(workers));
        final List<MetricDefinition> metrics = new ArrayList<>();
        for (final String name : names.counters())
        {
            metrics.add(new MetricDefinition(name, MetricType.COUNTER, "operations", "Benchmark counter " + name + ".",
                List.of(LABEL), null));
        }
        for (final String name : names.gauges())
        {
            metrics.add(new MetricDefinition(name, MetricType.GAUGE, "items", "Benchmark gauge " + name + ".",
                List.of(LABEL), null));
        }
        final Map<String, List<Double>> buckets = new HashMap<>();
        for (final String name : names.histograms())
        {
            metrics.add(new MetricDefinition(name, MetricType.HISTOGRAM, "microseconds",
                "Benchmark latency " + name + ".", List.of(LABEL), new HistogramSpec(1, LatencyValues.MAX_US, 3)));
            buckets.put(name, BOUNDS_US);
        }
        final ExportSettings export = new ExportSettings(
            base.export().prefix(), List.of(), buckets, base.export().statsd());
        return new EngineConfig(base.source() + " + exposition benchmark catalog", sized.engine(), metrics, export,
            base.http());
    }
}

package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.store.DirectoryTrees;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.CounterHandle;
import dev.bridge.analytics.GaugeHandle;
import dev.bridge.analytics.HistogramHandle;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.WaitStrategyType;
import dev.bridge.analytics.pipeline.SelfMetric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An engine for benchmarks: the bundled DSPex catalog and default settings except the wait strategy, plus a
 * labelled histogram and a labelled gauge (the catalog labels only counters), on a fresh temporary store that
 * {@link #close()} deletes. Handles are resolved once, here: the benchmarks measure pre-resolved handles.
 * <p>
 * Thread-safety: the handles are safe for any number of threads (multi-producer ring, the default);
 * {@link #consumerLine()} is for one thread at a time; {@link #close()} must be called once, after the last record.
 */
public final class BenchEngine implements AutoCloseable
{
    /** Histogram metric added for the labelled histogram benchmark. */
    public static final String LABELLED_HISTOGRAM = "jmh_latency_by_operation_us";
    /** Gauge metric added for the labelled gauge benchmark. */
    public static final String LABELLED_GAUGE = "jmh_sessions_by_worker";

    private final Path directory;
    private final AnalyticsEngine engine;
    private final CounterHandle counter;
    private final CounterHandle labelledCounter;
    private final HistogramHandle histogram;
    private final HistogramHandle labelledHistogram;
    private final GaugeHandle gauge;
    private final GaugeHandle labelledGauge;
    private long lastPublished;

    private BenchEngine(final Path directory, final AnalyticsEngine engine)
    {
        this.directory = directory;
        this.engine = engine;
        counter = engine.counter("variable_read");
        labelledCounter = engine.counter("operation_error", "operation", "read");
        histogram = engine.histogram("read_latency_us");
        labelledHistogram = engine.histogram(LABELLED_HISTOGRAM, "operation", "read");
        gauge = engine.gauge("active_sessions");
        labelledGauge = engine.gauge(LABELLED_GAUGE, "worker", "python-1");
    }

    /**
     * Starts an engine (about 3.5 s the first time in a JVM: Chronicle generates code).
     *
     * @param waitStrategy the consumer's wait strategy, as in YAML ({@code sleeping}, {@code yielding}, ...).
     */
    public static BenchEngine start(final String waitStrategy)
    {
        final WaitStrategyType type = WaitStrategyType.valueOf(waitStrategy.toUpperCase(Locale.ROOT));
        final Path directory;
        try
        {
            directory = Files.createTempDirectory("bridge-jmh-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final EngineConfig base = EngineConfig.defaults()
            .withDataDirectory(directory)
            .withEngine(b -> b.waitStrategy(type));
        final List<MetricDefinition> metrics = new ArrayList<>(base.metrics());
        metrics.add(new MetricDefinition(LABELLED_HISTOGRAM, MetricType.HISTOGRAM, "microseconds",
            "Benchmark only: read_latency_us with an operation label.", List.of("operation"),
            new HistogramSpec(1, LatencyValues.MAX_US, 3)));
        metrics.add(new MetricDefinition(LABELLED_GAUGE, MetricType.GAUGE, "sessions",
            "Benchmark only: active_sessions with a worker label.", List.of("worker"), null));
        final EngineConfig config = new EngineConfig(base.source() + " + jmh metrics", base.engine(), metrics);
        return new BenchEngine(directory, AnalyticsEngine.start(config));
    }

    public CounterHandle counter()
    {
        return counter;
    }

    public CounterHandle labelledCounter()
    {
        return labelledCounter;
    }

    public HistogramHandle histogram()
    {
        return histogram;
    }

    public HistogramHandle labelledHistogram()
    {
        return labelledHistogram;
    }

    public GaugeHandle gauge()
    {
        return gauge;
    }

    public GaugeHandle labelledGauge()
    {
        return labelledGauge;
    }

    /** @return the engine's wait strategy, lower case as in YAML. */
    public String waitStrategy()
    {
        return engine.config().engine().waitStrategy().name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return one line of consumer figures: events published since the previous call and in all, events aggregated
     *         and batches as of the consumer's last commit (up to {@code commit_interval} old), mean and largest
     *         batch (a largest batch equal to the ring size means the ring was full at least once), drops. Call it
     *         between iterations, from one thread (volatile reads only).
     */
    public String consumerLine()
    {
        final long published = engine.selfMetric(SelfMetric.EVENTS_PUBLISHED);
        final long aggregated = engine.selfMetric(SelfMetric.EVENTS_AGGREGATED);
        final long batches = engine.selfMetric(SelfMetric.BATCHES);
        final long sinceLast = published - lastPublished;
        lastPublished = published;
        return String.format(Locale.ROOT,
            "[engine %s] published +%d (total %d); as of the last commit: aggregated %d in %d batches, mean batch " +
                "%.0f, largest %d of %d slots; dropped %d",
            waitStrategy(), sinceLast, published, aggregated, batches, batches == 0 ? 0.0 : (double)aggregated / batches,
            engine.selfMetric(SelfMetric.MAX_BATCH_SIZE), engine.selfMetric(SelfMetric.RING_CAPACITY),
            engine.selfMetric(SelfMetric.EVENTS_DROPPED));
    }

    /** Flushes, closes the engine and deletes its store. */
    @Override
    public void close()
    {
        try
        {
            engine.close();
        }
        finally
        {
            deleteTree(directory);
        }
    }

    private static void deleteTree(final Path root)
    {
        try
        {
            DirectoryTrees.delete(root);
        }
        catch (final UncheckedIOException ex)
        {
            System.err.println("could not delete " + root + ": " + ex.getMessage());
        }
    }
}

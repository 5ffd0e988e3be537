package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.export.ExportFormat;
import dev.bridge.analytics.store.DirectoryTrees;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streaming {@code /metrics} (issue 18 item 4) against Micrometer's scrape, both formats, in one run:
 * {@code engineScrape} is {@code queries().scrape(format, out)} of the {@value ExpositionCatalog#SERIES} series of
 * {@link ExpositionCatalog} (100 histograms with 13 bounds) on a running engine (flushed, the consumer idles), into
 * a reused {@code ByteArrayOutputStream}; {@code micrometerScrape} is {@code PrometheusMeterRegistry.scrape(type)}
 * of equivalent meters (counters, gauges over {@code AtomicLong}s, timers with the bounds as service level
 * objectives) holding the same values. Targets (issue 18): time at most Micrometer's, allocation
 * ({@code -prof gc}, {@code gc.alloc.rate.norm}) at most 0.25x of it. Two forks.
 * <p>
 * Thread-safety: {@code Scope.Benchmark} states, one thread measures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {
    JvmFlags.EXPORT_MISC, JvmFlags.EXPORT_REF, JvmFlags.EXPORT_NIO, JvmFlags.EXPORT_JAVAC,
    JvmFlags.OPEN_LANG, JvmFlags.OPEN_REFLECT, JvmFlags.NO_ANALYTICS, JvmFlags.NO_ANNOUNCER })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class StreamingScrapeBenchmark
{
    /** The exposition format of both sides. */
    @State(Scope.Benchmark)
    public static class FormatState
    {
        @Param({ "PROMETHEUS", "OPENMETRICS" })
        public ExportFormat format;
    }

    /** Our engine holding the series, and the stream a scrape is written to (reset before each). */
    @State(Scope.Benchmark)
    public static class EngineState
    {
        private Path directory;
        private AnalyticsEngine engine;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);

        @Setup(Level.Trial)
        public void setUp() throws IOException
        {
            directory = Files.createTempDirectory("bridge-streaming-scrape-");
            engine = AnalyticsEngine.start(ExpositionCatalog.config(directory));
            final long[] latencies = LatencyValues.generate();
            for (int w = 0; w < ExpositionCatalog.WORKERS; w++)
            {
                final String worker = ExpositionCatalog.worker(w);
                for (int m = 0; m < ExpositionCatalog.COUNTER_METRICS; m++)
                {
                    engine.counter(ExpositionCatalog.COUNTERS.get(m), ExpositionCatalog.LABEL, worker)
                        .add(ExpositionCatalog.counterTotal(m, w));
                }
                for (int m = 0; m < ExpositionCatalog.GAUGE_METRICS; m++)
                {
                    engine.gauge(ExpositionCatalog.GAUGES.get(m), ExpositionCatalog.LABEL, worker)
                        .set(ExpositionCatalog.gaugeValue(m, w));
                }
                for (int m = 0; m < ExpositionCatalog.HISTOGRAM_METRICS; m++)
                {
                    final var histogram = engine.histogram(ExpositionCatalog.HISTOGRAMS.get(m), ExpositionCatalog.LABEL, worker);
                    for (int i = 0; i < ExpositionCatalog.VALUES_PER_HISTOGRAM; i++)
                    {
                        histogram.record(ExpositionCatalog.histogramValue(latencies, m, w, i));
                    }
                }
            }
            engine.flush();
            for (final ExportFormat format : List.of(ExportFormat.PROMETHEUS, ExportFormat.OPENMETRICS))
            {
                System.out.printf("[streaming-scrape] engine: %,d bytes of %s%n", scrape(format), format);
            }
        }

        int scrape(final ExportFormat format)
        {
            out.reset();
            try
            {
                engine.queries().scrape(format, out);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            return out.size();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException
        {
            engine.close();
            DirectoryTrees.delete(directory);
        }
    }

    /** Micrometer's Prometheus registry holding the equivalent meters. */
    @State(Scope.Benchmark)
    public static class MicrometerState
    {
        private PrometheusMeterRegistry registry;
        /** Strong references: Micrometer gauges hold their object weakly. */
        private final List<AtomicLong> gaugeValues = new ArrayList<>();

        @Setup(Level.Trial)
        public void setUp()
        {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            final Duration[] slos = ExpositionCatalog.BOUNDS_US.stream()
                .map(us -> Duration.ofNanos(Math.round(us * 1_000))).toArray(Duration[]::new);
            final long[] latencies = LatencyValues.generate();
            for (int w = 0; w < ExpositionCatalog.WORKERS; w++)
            {
                final String worker = ExpositionCatalog.worker(w);
                for (int m = 0; m < ExpositionCatalog.COUNTER_METRICS; m++)
                {
                    Counter.builder(ExpositionCatalog.COUNTERS.get(m)).description("Benchmark counter.")
                        .tag(ExpositionCatalog.LABEL, worker).register(registry)
                        .increment(ExpositionCatalog.counterTotal(m, w));
                }
                for (int m = 0; m < ExpositionCatalog.GAUGE_METRICS; m++)
                {
                    final AtomicLong value = new AtomicLong(ExpositionCatalog.gaugeValue(m, w));
                    gaugeValues.add(value);
                    Gauge.builder(ExpositionCatalog.GAUGES.get(m), value, AtomicLong::get).description("Benchmark gauge.")
                        .tag(ExpositionCatalog.LABEL, worker).register(registry);
                }
                for (int m = 0; m < ExpositionCatalog.HISTOGRAM_METRICS; m++)
                {
                    final String name = ExpositionCatalog.HISTOGRAMS.get(m);
                    final Timer timer = Timer.builder(name.substring(0, name.length() - "_us".length()))
                        .description("Benchmark latency.").tag(ExpositionCatalog.LABEL, worker)
                        .serviceLevelObjectives(slos).publishPercentileHistogram(false).register(registry);
                    for (int i = 0; i < ExpositionCatalog.VALUES_PER_HISTOGRAM; i++)
                    {
                        timer.record(ExpositionCatalog.histogramValue(latencies, m, w, i), TimeUnit.MICROSECONDS);
                    }
                }
            }
        }

        String scrape(final ExportFormat format)
        {
            return registry.scrape(format.contentType());
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            registry.close();
        }
    }

    @Benchmark
    public int engineScrape(final EngineState engine, final FormatState format)
    {
        return engine.scrape(format.format);
    }

    @Benchmark
    public String micrometerScrape(final MicrometerState micrometer, final FormatState format)
    {
        return micrometer.scrape(format.format);
    }
}

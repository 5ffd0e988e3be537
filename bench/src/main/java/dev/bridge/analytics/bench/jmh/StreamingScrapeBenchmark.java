package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.export.ExportFormat;
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

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        private CatalogEngine catalogEngine;

        @Setup(Level.Trial)
        public void setUp() throws IOException
        {
            catalogEngine = new CatalogEngine(ExpositionCatalog.BENCHMARK, 100_000, System::currentTimeMillis);
            ExpositionCatalog.BENCHMARK.recordInto(catalogEngine.engine(), ExpositionCatalog.VALUES_PER_HISTOGRAM);
            catalogEngine.engine().flush();
            for (final ExportFormat format : List.of(ExportFormat.PROMETHEUS, ExportFormat.OPENMETRICS))
            {
                System.out.printf("[streaming-scrape] engine: %,d bytes of %s%n", scrape(format), format);
            }
        }

        int scrape(final ExportFormat format)
        {
            return catalogEngine.scrape(format);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            catalogEngine.close();
        }
    }

    @Benchmark
    public int engineScrape(final EngineState engine, final FormatState format)
    {
        return engine.scrape(format.format);
    }

    @Benchmark
    public String micrometerScrape(final BenchmarkMicrometerState micrometer, final FormatState format)
    {
        return micrometer.scrape(format.format);
    }
}

package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.TimeRange;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus text exposition of 500 series ({@link ExpositionCatalog#BENCHMARK}: 50 label values of 4 counters,
 * 4 gauges and 2 latency histograms: 100 histograms with 13 bounds), ours against Micrometer's
 * {@code PrometheusMeterRegistry.scrape()} of equivalent meters: counters, gauges over {@code AtomicLong}s and
 * {@code Timer}s with the same bounds as service level objectives (no percentile histogram), filled
 * with the same values ({@link ExpositionCatalog}, {@link CatalogMicrometer}).
 * <p>
 * {@code engineExposition} is {@code engine.queries().export(PROMETHEUS, ALL, out)} on a running engine holding those values
 * (flushed; the consumer idles): a snapshot read from the store (stats, merged histograms, cumulative bucket
 * counts) and the Prometheus project's text writer, into a reused {@code ByteArrayOutputStream}; what /metrics
 * served before the running totals. {@code engineScrape} is what /metrics serves now,
 * {@code queries().scrape(PROMETHEUS, out)}: one totals entry (and histogram) per series. {@code historyHours}
 * puts 0 or 720 hours (30 days) of hourly values before them: the scrape stays flat (issue 15: within 20%), the
 * export over ALL merges one more bucket per series and hour. Target (issue 5):
 * time at most Micrometer's, allocation (run with {@code -prof gc}) at most 0.25x of it.
 * <p>
 * Thread-safety: {@code Scope.Benchmark} states; both exports are thread-safe, one thread measures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {
    JvmFlags.EXPORT_MISC, JvmFlags.EXPORT_REF, JvmFlags.EXPORT_NIO, JvmFlags.EXPORT_JAVAC,
    JvmFlags.OPEN_LANG, JvmFlags.OPEN_REFLECT, JvmFlags.NO_ANALYTICS, JvmFlags.NO_ANNOUNCER })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ExpositionBenchmark
{
    /** Our engine holding the series, and the stream the export is written to (reset before each export). */
    @State(Scope.Benchmark)
    public static class EngineState
    {
        /**
         * Hours of history before the values: 0 (an empty history), or 720 (30 days: each series records one
         * counter increment, gauge set and latency per hour, so TimeRange.ALL spans 720 hourly buckets per series).
         */
        @Param({ "0", "720" })
        public int historyHours;
        private CatalogEngine catalogEngine;

        @Setup(Level.Trial)
        public void setUp() throws IOException
        {
            final long nowMs = System.currentTimeMillis();
            final AtomicLong timeMs = new AtomicLong(nowMs - historyHours * 3_600_000L);
            catalogEngine = new CatalogEngine(ExpositionCatalog.BENCHMARK, 1_000_000, timeMs::get);
            final AnalyticsEngine engine = catalogEngine.engine();
            for (int hour = 0; hour < historyHours; hour++)
            {
                timeMs.set(nowMs - (historyHours - hour) * 3_600_000L);
                ExpositionCatalog.BENCHMARK.recordInto(engine, 1);
                engine.flush();
            }
            timeMs.set(nowMs);
            ExpositionCatalog.BENCHMARK.recordInto(engine, ExpositionCatalog.VALUES_PER_HISTOGRAM);
            engine.flush();
            System.out.printf("[exposition] engine, %d h of history: %,d bytes of Prometheus text (export ALL), " +
                "%,d (scrape)%n", historyHours, export(), scrape());
        }

        /** What /metrics wrote before the running totals: every series over TimeRange.ALL. */
        int export()
        {
            return catalogEngine.export(ExportFormat.PROMETHEUS, TimeRange.ALL);
        }

        /** What /metrics writes: every series' running totals. */
        int scrape()
        {
            return catalogEngine.scrape(ExportFormat.PROMETHEUS);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            catalogEngine.close();
        }
    }

    @Benchmark
    public int engineExposition(final EngineState state)
    {
        return state.export();
    }

    @Benchmark
    public int engineScrape(final EngineState state)
    {
        return state.scrape();
    }

    @Benchmark
    public String micrometerScrape(final BenchmarkMicrometerState state)
    {
        return state.scrape();
    }
}

package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.dashboard.Dashboard;
import dev.bridge.analytics.export.ExportFormat;
import dev.bridge.analytics.query.PercentileResult;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.snapshot.SnapshotSummary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine's exposition and queries as the number of series grows (issue 18 item 5): an
 * {@link ExpositionCatalog#ofSeries} catalog of {@code series} series (a tenth of them latency histograms, the rest
 * counters and gauges; one {@code worker} label value per 10 series) under the metric names the dashboard reads,
 * filled once per trial with the values of {@link ExpositionCatalog} (histograms: 1,000 latencies each) at the current
 * time and flushed; the consumer idles during the measurement.
 * <ul>
 * <li>{@code engineScrape}: {@code queries().scrape(PROMETHEUS, out)}, what {@code /metrics} serves, into a reused
 * stream; {@code micrometerScrape}: Micrometer's {@code PrometheusMeterRegistry.scrape()} of the same meters
 * ({@link CatalogMicrometer}), in the same run;</li>
 * <li>{@code dashboardLastHour}: {@code queries().dashboard(LAST_HOUR)}, which reads every series of the catalog
 * (operation rates, cache totals, health gauges, read and write latency percentiles merged over all workers);</li>
 * <li>{@code workerPercentilesLastHour}: the median and p99 of {@code read_latency_us} of one {@code worker};</li>
 * <li>{@code snapshotWriteLastHour}: {@code queries().writeSnapshot(LAST_HOUR, file)}, the same file rewritten.</li>
 * </ul>
 * Allocation with {@code -prof gc}. 10,000 series hold 2,000 histogram series; the forks get {@code -Xmx4g} (the
 * engine itself needs far less since histograms live in the store: about 2 KB of heap per idle histogram series).
 * <p>
 * Thread-safety: {@code Scope.Benchmark} states; the queries and both scrapes are thread-safe, one thread measures.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScaleBenchmark extends LargeCatalogBenchmark
{
    /** The catalog's series count, for both states. */
    @State(Scope.Benchmark)
    public static class Size
    {
        /** Series in the catalog: a multiple of {@value ExpositionCatalog#SERIES_PER_WORKER}. */
        @Param({ "10", "100", "500", "1000", "10000" })
        public int series;
    }

    /** Our engine holding the catalog's series, flushed. */
    @State(Scope.Benchmark)
    public static class EngineState
    {
        private CatalogEngine catalogEngine;
        private AnalyticsEngine engine;
        private Path snapshotFile;
        private Map<String, String> oneWorker;
        private String histogram;

        @Setup(Level.Trial)
        public void setUp(final Size size) throws IOException
        {
            final ExpositionCatalog catalog = ExpositionCatalog.ofSeries(size.series);
            catalogEngine = new CatalogEngine(catalog, 1_000_000, System::currentTimeMillis);
            engine = catalogEngine.engine();
            snapshotFile = catalogEngine.file("scale.snapshot");
            catalog.recordInto(engine, ExpositionCatalog.VALUES_PER_HISTOGRAM);
            engine.flush();
            oneWorker = Map.of(ExpositionCatalog.LABEL, ExpositionCatalog.worker(catalog.workers() / 2));
            histogram = catalog.names().histograms().get(0);
            System.out.printf("[scale] engine, %,d series: %,d bytes of Prometheus text; snapshot %s%n",
                size.series, scrape(), engine.queries().writeSnapshot(TimeRange.LAST_HOUR, snapshotFile));
        }

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

    /** Micrometer's Prometheus registry holding the equivalent meters. */
    @State(Scope.Benchmark)
    public static class MicrometerState
    {
        private CatalogMicrometer micrometer;

        @Setup(Level.Trial)
        public void setUp(final Size size)
        {
            micrometer = new CatalogMicrometer(ExpositionCatalog.ofSeries(size.series));
            System.out.printf("[scale] micrometer, %,d series: %,d chars of Prometheus text%n",
                size.series, micrometer.scrape().length());
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            micrometer.close();
        }
    }

    @Benchmark
    public int engineScrape(final EngineState state)
    {
        return state.scrape();
    }

    @Benchmark
    public String micrometerScrape(final MicrometerState state)
    {
        return state.micrometer.scrape();
    }

    @Benchmark
    public Dashboard dashboardLastHour(final EngineState state)
    {
        return state.engine.queries().dashboard(TimeRange.LAST_HOUR);
    }

    @Benchmark
    public PercentileResult workerPercentilesLastHour(final EngineState state)
    {
        return state.engine.queries().percentiles(state.histogram, state.oneWorker, TimeRange.LAST_HOUR, 0.5, 0.99);
    }

    @Benchmark
    public SnapshotSummary snapshotWriteLastHour(final EngineState state)
    {
        return state.engine.queries().writeSnapshot(TimeRange.LAST_HOUR, state.snapshotFile);
    }
}

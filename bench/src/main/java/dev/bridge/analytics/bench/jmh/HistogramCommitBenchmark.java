package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.HistogramHandle;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commit of many active histogram series (issue 18 item 2: where keeping histograms in the store moves the
 * cost): each operation records {@value #VALUES_PER_SERIES} latencies into every histogram series of an
 * {@link ExpositionCatalog#ofSeries} catalog (a fifth of its series are histograms: 200 at 1,000 series, 2,000 at
 * 10,000) and flushes, so the consumer writes every one of them at the raw level, both rollups and the totals. The
 * engine runs on the wall clock: over a trial the series also move to new raw buckets every second, as in service.
 * <p>
 * Thread-safety: {@code Scope.Benchmark} state built and used by the one measuring thread.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HistogramCommitBenchmark extends LargeCatalogBenchmark
{
    /** Latencies recorded into each histogram series per operation. */
    static final int VALUES_PER_SERIES = 10;

    /** An engine holding the catalog, and a handle per histogram series. */
    @State(Scope.Benchmark)
    public static class Active
    {
        /** Series in the catalog: a multiple of {@value ExpositionCatalog#SERIES_PER_WORKER}. */
        @Param({ "1000", "10000" })
        public int series;

        private CatalogEngine catalogEngine;
        private AnalyticsEngine engine;
        private HistogramHandle[] handles;
        private long[] latencies;
        private int next;

        @Setup(Level.Trial)
        public void setUp() throws IOException
        {
            final ExpositionCatalog catalog = ExpositionCatalog.ofSeries(series);
            catalogEngine = new CatalogEngine(catalog, 4_000_000, System::currentTimeMillis);
            engine = catalogEngine.engine();
            final List<HistogramHandle> all = new ArrayList<>();
            for (int w = 0; w < catalog.workers(); w++)
            {
                for (final String name : catalog.names().histograms())
                {
                    all.add(engine.histogram(name, ExpositionCatalog.LABEL, ExpositionCatalog.worker(w)));
                }
            }
            handles = all.toArray(new HistogramHandle[0]);
            latencies = LatencyValues.generate();
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            catalogEngine.close();
        }
    }

    @Benchmark
    public void recordIntoEverySeriesAndCommit(final Active state)
    {
        final long[] latencies = state.latencies;
        int next = state.next;
        for (final HistogramHandle handle : state.handles)
        {
            for (int i = 0; i < VALUES_PER_SERIES; i++)
            {
                handle.record(latencies[next++ & LatencyValues.MASK]);
            }
        }
        state.next = next;
        state.engine.flush();
    }
}

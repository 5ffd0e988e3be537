package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.bench.querybench.HistoryBuilder;
import dev.bridge.analytics.bench.querybench.QuerySet;
import dev.bridge.analytics.bench.querybench.StoredHistory;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.dashboard.Dashboard;
import dev.bridge.analytics.query.PercentileResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The query side: {@code dashboard(LAST_HOUR)} and seven percentiles of {@code read_latency_us} over the last
 * hour in one call, on a store holding {@value #HOURS} hours of the bundled DSPex catalog at
 * {@value HistoryBuilder#DEFAULT_EVENTS_PER_SECOND} events per simulated second, built once per fork by
 * {@link HistoryBuilder} (the builder of {@code analytics query-bench}, which times the same queries and the
 * dashboard over the last minute and day on 24 hours) and read through an {@code AnalyticsReader} whose clock is
 * fixed at the end of the history. No engine runs during the measurement. Results in ns/op, like the rest of the
 * suite (1 ms = 1,000,000 ns).
 * <p>
 * Thread-safety: {@code Scope.Benchmark}; the reader's queries are thread-safe.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {
    JvmFlags.EXPORT_MISC, JvmFlags.EXPORT_REF, JvmFlags.EXPORT_NIO, JvmFlags.EXPORT_JAVAC,
    JvmFlags.OPEN_LANG, JvmFlags.OPEN_REFLECT, JvmFlags.NO_ANALYTICS, JvmFlags.NO_ANNOUNCER })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@State(Scope.Benchmark)
public class QueryBenchmark
{
    /** Hours of history in the store (LAST_HOUR reads a full hour of one-minute buckets). */
    static final int HOURS = 2;
    private static final long SEED = 42;

    private StoredHistory store;
    private AnalyticsQueries queries;

    @Setup(Level.Trial)
    public void build()
    {
        final HistoryBuilder builder = new HistoryBuilder(
            EngineConfig.defaults(), Duration.ofHours(HOURS), HistoryBuilder.DEFAULT_EVENTS_PER_SECOND, SEED);
        store = StoredHistory.build(builder, null, System.currentTimeMillis());
        queries = store.queries();
        System.out.printf("[query store] %d h, %,d events, built in %.1f s%n",
            HOURS, store.history().events(), store.history().buildSeconds());
    }

    @TearDown(Level.Trial)
    public void close()
    {
        store.close();
    }

    @Benchmark
    public Dashboard dashboardLastHour()
    {
        return queries.dashboard(TimeRange.LAST_HOUR);
    }

    @Benchmark
    public PercentileResult sevenPercentilesLastHour()
    {
        return QuerySet.sevenPercentiles(queries);
    }
}

package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.CounterHandle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.metrics.LongCounter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counter increment, two producer threads, each on its own series (two counters of each library, pre-resolved):
 * what two threads cost each other when they share nothing but the library. Ours: {@code variable_read} and
 * {@code operation_error{operation="read"}} of the same {@link EngineState}. A {@link Series} state (one per thread)
 * picks the thread's counter: 0 for the first thread that asks, 1 for the second.
 */
@Threads(2)
public class CounterIncrementTwoSeriesBenchmark extends ProducerBenchmark
{
    /** The thread's series index: 0 or 1, by order of first use in the trial. */
    @State(Scope.Thread)
    public static class Series
    {
        private static final AtomicInteger NEXT = new AtomicInteger();
        public int index;

        @Setup(Level.Trial)
        public void setUp()
        {
            index = NEXT.getAndIncrement() & 1;
        }
    }

    /** Ours: two handles of the running engine. */
    @State(Scope.Benchmark)
    public static class EngineHandles
    {
        public CounterHandle[] counters;

        @Setup(Level.Trial)
        public void setUp(final EngineState engine)
        {
            counters = new CounterHandle[]{ engine.counter, engine.labelledCounter };
        }
    }

    /** Two Prometheus client_java counters, exemplars off, in one registry. */
    @State(Scope.Benchmark)
    public static class PrometheusState
    {
        public io.prometheus.metrics.core.metrics.Counter[] counters;

        @Setup(Level.Trial)
        public void setUp()
        {
            final PrometheusRegistry registry = new PrometheusRegistry();
            counters = new io.prometheus.metrics.core.metrics.Counter[2];
            for (int i = 0; i < 2; i++)
            {
                counters[i] = io.prometheus.metrics.core.metrics.Counter.builder()
                    .name("variable_read_" + i).help("Variable reads.").withoutExemplars().register(registry);
            }
        }
    }

    /** Two Micrometer counters on a {@code PrometheusMeterRegistry}. */
    @State(Scope.Benchmark)
    public static class MicrometerState
    {
        public PrometheusMeterRegistry registry;
        public Counter[] counters;

        @Setup(Level.Trial)
        public void setUp()
        {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            counters = new Counter[]{
                Counter.builder("variable_read_0").register(registry), Counter.builder("variable_read_1").register(registry) };
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            registry.close();
        }
    }

    /** Two OpenTelemetry SDK {@code LongCounter}s behind a periodic reader. */
    @State(Scope.Benchmark)
    public static class OpenTelemetryState
    {
        public OtelMeters meters;
        public LongCounter[] counters;

        @Setup(Level.Trial)
        public void setUp()
        {
            meters = new OtelMeters();
            counters = new LongCounter[]{
                meters.meter().counterBuilder("variable_read_0").build(), meters.meter().counterBuilder("variable_read_1").build() };
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            meters.close();
        }
    }

    @Benchmark
    public void engine(final EngineHandles state, final Series series)
    {
        state.counters[series.index].increment();
    }

    @Benchmark
    public void prometheus(final PrometheusState state, final Series series)
    {
        state.counters[series.index].inc();
    }

    @Benchmark
    public void micrometer(final MicrometerState state, final Series series)
    {
        state.counters[series.index].increment();
    }

    @Benchmark
    public void openTelemetry(final OpenTelemetryState state, final Series series)
    {
        state.counters[series.index].add(1L);
    }
}

package dev.bridge.analytics.bench.jmh;

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

/**
 * Counter increment by one, one producer thread: ours ({@code CounterHandle.increment}, with and without labels)
 * against Prometheus {@code Counter.inc}, Micrometer {@code Counter.increment}, OpenTelemetry
 * {@code LongCounter.add(1)} and a raw Disruptor publish of a counter event into a no-op handler. An increment
 * takes no value, so these benchmarks do not read {@link LatencyValues}.
 * <p>
 * The nested states hold one pre-resolved counter per library, shared by the benchmark threads
 * ({@code Scope.Benchmark}); see {@link CounterIncrementTwoThreadsBenchmark}.
 */
@Threads(1)
public class CounterIncrementBenchmark extends ProducerBenchmark
{
    /** Prometheus client_java 1.x counter, exemplars off, in its own registry. */
    @State(Scope.Benchmark)
    public static class PrometheusState
    {
        public io.prometheus.metrics.core.metrics.Counter counter;

        @Setup(Level.Trial)
        public void setUp()
        {
            counter = io.prometheus.metrics.core.metrics.Counter.builder()
                .name("variable_read")
                .help("Variable reads.")
                .withoutExemplars()
                .register(new PrometheusRegistry());
        }
    }

    /** Micrometer counter on a {@code PrometheusMeterRegistry}. */
    @State(Scope.Benchmark)
    public static class MicrometerState
    {
        public PrometheusMeterRegistry registry;
        public Counter counter;

        @Setup(Level.Trial)
        public void setUp()
        {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            counter = Counter.builder("variable_read").register(registry);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            registry.close();
        }
    }

    /** OpenTelemetry SDK {@code LongCounter} behind a periodic reader. */
    @State(Scope.Benchmark)
    public static class OpenTelemetryState
    {
        public OtelMeters meters;
        public LongCounter counter;

        @Setup(Level.Trial)
        public void setUp()
        {
            meters = new OtelMeters();
            counter = meters.meter().counterBuilder("variable_read").build();
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            meters.close();
        }
    }

    @Benchmark
    public void engine(final EngineState state)
    {
        state.counter.increment();
    }

    @Benchmark
    public void engineLabelled(final EngineState state)
    {
        state.labelledCounter.increment();
    }

    @Benchmark
    public void prometheus(final PrometheusState state)
    {
        state.counter.inc();
    }

    @Benchmark
    public void micrometer(final MicrometerState state)
    {
        state.counter.increment();
    }

    @Benchmark
    public void openTelemetry(final OpenTelemetryState state)
    {
        state.counter.add(1L);
    }

    @Benchmark
    public void disruptor(final RingStates.MultiProducer state)
    {
        state.ring.publish(0, 1L);
    }
}

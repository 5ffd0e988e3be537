package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/**
 * Counter increment by one, one producer thread: ours ({@code CounterHandle.increment}, with and without labels)
 * against Prometheus {@code Counter.inc}, Micrometer {@code Counter.increment}, OpenTelemetry
 * {@code LongCounter.add(1)} and a raw Disruptor publish of a counter event into a no-op handler. An increment
 * takes no value, so these benchmarks do not read {@link LatencyValues}.
 * <p>
 * The peers' states ({@link CounterStates}) hold pre-resolved counters, shared by the benchmark threads
 * ({@code Scope.Benchmark}); {@link CounterIncrementTwoThreadsBenchmark} and {@link CounterIncrementFourThreadsBenchmark}
 * inherit these methods.
 */
@Threads(1)
public class CounterIncrementBenchmark extends ProducerBenchmark
{
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
    public void prometheus(final CounterStates.PrometheusState state)
    {
        state.counter.inc();
    }

    @Benchmark
    public void micrometer(final CounterStates.MicrometerState state)
    {
        state.counter.increment();
    }

    @Benchmark
    public void openTelemetry(final CounterStates.OpenTelemetryState state)
    {
        state.counter.add(1L);
    }

    @Benchmark
    public void disruptor(final RingStates.MultiProducer state)
    {
        state.ring.publish(0, 1L);
    }
}

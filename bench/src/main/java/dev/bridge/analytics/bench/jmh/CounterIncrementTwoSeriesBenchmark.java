package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/**
 * Counter increment, two producer threads, each on its own series (two pre-resolved counters of each library,
 * {@link CounterStates}): what two threads cost each other when they share nothing but the library. Ours:
 * {@code variable_read} and {@code operation_error{operation="read"}} of the same {@link EngineState}. A
 * {@link SeriesIndex} (one per thread) picks the thread's counter.
 */
@Threads(2)
public class CounterIncrementTwoSeriesBenchmark extends ProducerBenchmark
{
    @Benchmark
    public void engine(final EngineState state, final SeriesIndex series)
    {
        state.counters[series.index].increment();
    }

    @Benchmark
    public void prometheus(final CounterStates.PrometheusState state, final SeriesIndex series)
    {
        state.counters[series.index].inc();
    }

    @Benchmark
    public void micrometer(final CounterStates.MicrometerState state, final SeriesIndex series)
    {
        state.counters[series.index].increment();
    }

    @Benchmark
    public void openTelemetry(final CounterStates.OpenTelemetryState state, final SeriesIndex series)
    {
        state.counters[series.index].add(1L);
    }
}

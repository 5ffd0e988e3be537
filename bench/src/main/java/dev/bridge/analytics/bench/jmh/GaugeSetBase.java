package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * The gauge-set benchmarks that every thread count shares: ours ({@code GaugeHandle.set}) against Prometheus
 * {@code Gauge.set}, Micrometer (an {@code AtomicLong} registered as a gauge, see {@link GaugeStates.MicrometerState})
 * and OpenTelemetry {@code LongGauge.set}. Every call sets the next value of {@link LatencyValues}. Ours keeps min,
 * max, mean and last per bucket; the peers keep the last value only. Abstract, so JMH generates no benchmark for
 * it: {@link GaugeSetBenchmark} (1 thread, + labelled), {@link GaugeSetTwoThreadsBenchmark} (2 threads, + labelled)
 * and {@link GaugeSetFourThreadsBenchmark} (4 threads) inherit these methods and set {@code @Threads}; every thread
 * sets the same series.
 * <p>
 * Thread-safety: the states are {@code Scope.Benchmark}, shared by the benchmark threads.
 */
public abstract class GaugeSetBase extends ProducerBenchmark
{
    @Benchmark
    public void engine(final EngineState state, final ValueCursor values)
    {
        state.gauge.set(values.next());
    }

    @Benchmark
    public void prometheus(final GaugeStates.PrometheusState state, final ValueCursor values)
    {
        state.gauge.set(values.next());
    }

    @Benchmark
    public void micrometer(final GaugeStates.MicrometerState state, final ValueCursor values)
    {
        state.gauge.set(values.next());
    }

    @Benchmark
    public void openTelemetry(final GaugeStates.OpenTelemetryState state, final ValueCursor values)
    {
        state.gauge.set(values.next());
    }
}

package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/**
 * Gauge set, two producer threads, each on its own series (two pre-resolved gauges of each library,
 * {@link GaugeStates}). Ours: {@code active_sessions} and {@code jmh_sessions_by_worker{worker="python-1"}} of the
 * same {@link EngineState}. A {@link SeriesIndex} (one per thread) picks the thread's gauge.
 */
@Threads(2)
public class GaugeSetTwoSeriesBenchmark extends ProducerBenchmark
{
    @Benchmark
    public void engine(final EngineState state, final SeriesIndex series, final ValueCursor values)
    {
        state.gauges[series.index].set(values.next());
    }

    @Benchmark
    public void prometheus(final GaugeStates.PrometheusState state, final SeriesIndex series, final ValueCursor values)
    {
        state.gauges[series.index].set(values.next());
    }

    @Benchmark
    public void micrometer(final GaugeStates.MicrometerState state, final SeriesIndex series, final ValueCursor values)
    {
        state.gauges[series.index].set(values.next());
    }

    @Benchmark
    public void openTelemetry(
        final GaugeStates.OpenTelemetryState state, final SeriesIndex series, final ValueCursor values)
    {
        state.gauges[series.index].set(values.next());
    }
}

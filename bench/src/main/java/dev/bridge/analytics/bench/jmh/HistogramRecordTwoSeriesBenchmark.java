package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.TimeUnit;

/**
 * Histogram record, two producer threads, each on its own series (two pre-resolved histograms of each library,
 * {@link HistogramStates}). Ours: {@code read_latency_us} and {@code jmh_latency_by_operation_us{operation="read"}}
 * of the same {@link EngineState}. A {@link SeriesIndex} (one per thread) picks the thread's histogram.
 */
@Threads(2)
public class HistogramRecordTwoSeriesBenchmark extends ProducerBenchmark
{
    @Benchmark
    public void engine(final EngineState state, final SeriesIndex series, final ValueCursor values)
    {
        state.histograms[series.index].record(values.next());
    }

    @Benchmark
    public void prometheus(
        final HistogramStates.PrometheusState state, final SeriesIndex series, final ValueCursor values)
    {
        state.histograms[series.index].observe(values.next());
    }

    @Benchmark
    public void micrometer(
        final HistogramStates.MicrometerState state, final SeriesIndex series, final ValueCursor values)
    {
        state.timers[series.index].record(values.next(), TimeUnit.MICROSECONDS);
    }

    @Benchmark
    public void openTelemetry(
        final HistogramStates.OpenTelemetryState state, final SeriesIndex series, final ValueCursor values)
    {
        state.histograms[series.index].record(values.next());
    }
}

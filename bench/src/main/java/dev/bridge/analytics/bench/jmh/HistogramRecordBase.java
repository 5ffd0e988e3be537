package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;

import java.util.concurrent.TimeUnit;

/**
 * The histogram-record benchmarks that every thread count shares: ours ({@code HistogramHandle.record}) against
 * Prometheus classic {@code Histogram.observe}, Micrometer {@code Timer.record} with a percentile histogram,
 * OpenTelemetry {@code LongHistogram.record}, HdrHistogram {@code Recorder.recordValue} and a raw multi-producer
 * Disruptor publish into a no-op handler. Every call records the next value of {@link LatencyValues}
 * (microseconds). Abstract, so JMH generates no benchmark for it: {@link HistogramRecordFourThreadsBenchmark}
 * inherits these methods, {@link HistogramRecordLabelledBase} adds our labelled handle for the one- and two-thread
 * classes; each concrete class sets {@code @Threads}, every thread records into the same series.
 * <p>
 * Thread-safety: the states ({@link HistogramStates}) are {@code Scope.Benchmark}, shared by the benchmark threads.
 */
public abstract class HistogramRecordBase extends ProducerBenchmark
{
    @Benchmark
    public void engine(final EngineState state, final ValueCursor values)
    {
        state.histogram.record(values.next());
    }

    @Benchmark
    public void prometheus(final HistogramStates.PrometheusState state, final ValueCursor values)
    {
        state.histogram.observe(values.next());
    }

    @Benchmark
    public void micrometer(final HistogramStates.MicrometerState state, final ValueCursor values)
    {
        state.timer.record(values.next(), TimeUnit.MICROSECONDS);
    }

    @Benchmark
    public void openTelemetry(final HistogramStates.OpenTelemetryState state, final ValueCursor values)
    {
        state.histogram.record(values.next());
    }

    @Benchmark
    public void hdrRecorder(final HistogramStates.HdrRecorderState state, final ValueCursor values)
    {
        state.recorder.recordValue(values.next());
    }

    @Benchmark
    public void disruptor(final RingStates.MultiProducer state, final ValueCursor values)
    {
        state.ring.publish(1, values.next());
    }
}

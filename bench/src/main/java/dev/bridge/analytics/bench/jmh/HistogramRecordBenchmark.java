package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/**
 * Histogram record, one producer thread: the benchmarks of {@link HistogramRecordLabelledBase} (ours with and
 * without labels, Prometheus, Micrometer, OpenTelemetry, HdrHistogram {@code Recorder}, the raw multi-producer
 * ring) plus the single-writer baselines: raw HdrHistogram {@code Histogram.recordValue} and a raw single-producer
 * Disruptor publish into a no-op handler. Every call records the next value of {@link LatencyValues}
 * (microseconds). Thread-safety: the states are {@code Scope.Benchmark}, shared by the benchmark threads (one here).
 */
@Threads(1)
public class HistogramRecordBenchmark extends HistogramRecordLabelledBase
{
    @Benchmark
    public void hdrHistogram(final HistogramStates.HdrHistogramState state, final ValueCursor values)
    {
        state.histogram.recordValue(values.next());
    }

    @Benchmark
    public void disruptorSingleProducer(final RingStates.SingleProducer state, final ValueCursor values)
    {
        state.ring.publish(1, values.next());
    }
}

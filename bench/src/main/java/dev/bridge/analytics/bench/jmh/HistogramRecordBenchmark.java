package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/**
 * Histogram record, one producer thread: ours ({@code HistogramHandle.record}, with and without labels) against
 * Prometheus classic {@code Histogram.observe}, Micrometer {@code Timer.record} with a percentile histogram,
 * OpenTelemetry {@code LongHistogram.record}, raw HdrHistogram {@code Histogram.recordValue} and
 * {@code Recorder.recordValue}, and a raw Disruptor publish into a no-op handler (multi- and single-producer).
 * Every call records the next value of {@link LatencyValues} (microseconds).
 * <p>
 * The benchmarks and nested states common with {@link HistogramRecordTwoThreadsBenchmark} (two threads on the same
 * series) are inherited from {@link HistogramRecordBase}; the single-writer ones are here. Thread-safety: the
 * states are {@code Scope.Benchmark}, shared by the benchmark threads (one here).
 */
@Threads(1)
public class HistogramRecordBenchmark extends HistogramRecordBase
{
    @Benchmark
    public void hdrHistogram(final HdrHistogramState state, final ValueCursor values)
    {
        state.histogram.recordValue(values.next());
    }

    @Benchmark
    public void disruptorSingleProducer(final RingStates.SingleProducer state, final ValueCursor values)
    {
        state.ring.publish(1, values.next());
    }
}

package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Histogram record, two producer threads on the same series (the states of {@link HistogramRecordBenchmark},
 * shared): ns per call per thread. Raw HdrHistogram {@code Histogram} is single-writer and the single-producer
 * ring takes one thread, so both are left out. On 2 cores the two producers and the consumer share the machine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {
    JvmFlags.EXPORT_MISC, JvmFlags.EXPORT_REF, JvmFlags.EXPORT_NIO, JvmFlags.EXPORT_JAVAC,
    JvmFlags.OPEN_LANG, JvmFlags.OPEN_REFLECT, JvmFlags.NO_ANALYTICS, JvmFlags.NO_ANNOUNCER })
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(2)
public class HistogramRecordTwoThreadsBenchmark
{
    @Benchmark
    public void engine(final EngineState state, final ValueCursor values)
    {
        state.histogram.record(values.next());
    }

    @Benchmark
    public void engineLabelled(final EngineState state, final ValueCursor values)
    {
        state.labelledHistogram.record(values.next());
    }

    @Benchmark
    public void prometheus(final HistogramRecordBenchmark.PrometheusState state, final ValueCursor values)
    {
        state.histogram.observe(values.next());
    }

    @Benchmark
    public void micrometer(final HistogramRecordBenchmark.MicrometerState state, final ValueCursor values)
    {
        state.timer.record(values.next(), TimeUnit.MICROSECONDS);
    }

    @Benchmark
    public void openTelemetry(final HistogramRecordBenchmark.OpenTelemetryState state, final ValueCursor values)
    {
        state.histogram.record(values.next());
    }

    @Benchmark
    public void hdrRecorder(final HistogramRecordBenchmark.HdrRecorderState state, final ValueCursor values)
    {
        state.recorder.recordValue(values.next());
    }

    @Benchmark
    public void disruptor(final RingStates.MultiProducer state, final ValueCursor values)
    {
        state.ring.publish(1, values.next());
    }
}

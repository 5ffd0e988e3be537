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
 * Counter increment, two producer threads on the same counter (the states of {@link CounterIncrementBenchmark},
 * shared): ns per call per thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {
    JvmFlags.EXPORT_MISC, JvmFlags.EXPORT_REF, JvmFlags.EXPORT_NIO, JvmFlags.EXPORT_JAVAC,
    JvmFlags.OPEN_LANG, JvmFlags.OPEN_REFLECT, JvmFlags.NO_ANALYTICS, JvmFlags.NO_ANNOUNCER })
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(2)
public class CounterIncrementTwoThreadsBenchmark
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
    public void prometheus(final CounterIncrementBenchmark.PrometheusState state)
    {
        state.counter.inc();
    }

    @Benchmark
    public void micrometer(final CounterIncrementBenchmark.MicrometerState state)
    {
        state.counter.increment();
    }

    @Benchmark
    public void openTelemetry(final CounterIncrementBenchmark.OpenTelemetryState state)
    {
        state.counter.add(1L);
    }

    @Benchmark
    public void disruptor(final RingStates.MultiProducer state)
    {
        state.ring.publish(0, 1L);
    }
}

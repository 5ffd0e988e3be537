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
 * Gauge set, two producer threads on the same gauge (the states of {@link GaugeSetBenchmark}, shared): ns per
 * call per thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {
    JvmFlags.EXPORT_MISC, JvmFlags.EXPORT_REF, JvmFlags.EXPORT_NIO, JvmFlags.EXPORT_JAVAC,
    JvmFlags.OPEN_LANG, JvmFlags.OPEN_REFLECT, JvmFlags.NO_ANALYTICS, JvmFlags.NO_ANNOUNCER })
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(2)
public class GaugeSetTwoThreadsBenchmark
{
    @Benchmark
    public void engine(final EngineState state, final ValueCursor values)
    {
        state.gauge.set(values.next());
    }

    @Benchmark
    public void engineLabelled(final EngineState state, final ValueCursor values)
    {
        state.labelledGauge.set(values.next());
    }

    @Benchmark
    public void prometheus(final GaugeSetBenchmark.PrometheusState state, final ValueCursor values)
    {
        state.gauge.set(values.next());
    }

    @Benchmark
    public void openTelemetry(final GaugeSetBenchmark.OpenTelemetryState state, final ValueCursor values)
    {
        state.gauge.set(values.next());
    }
}

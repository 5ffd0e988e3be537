package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/**
 * Gauge set, one producer thread: the benchmarks of {@link GaugeSetBase} plus ours with a labelled handle.
 * {@link GaugeSetTwoThreadsBenchmark} inherits both.
 */
@Threads(1)
public class GaugeSetBenchmark extends GaugeSetBase
{
    @Benchmark
    public void engineLabelled(final EngineState state, final ValueCursor values)
    {
        state.labelledGauge.set(values.next());
    }
}

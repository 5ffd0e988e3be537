package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Threads;

/**
 * Gauge set, two producer threads on the same gauge: the benchmarks of {@link GaugeSetBenchmark}
 * (inherited, so the same method names), run by two threads sharing each {@code Scope.Benchmark} state: ns per
 * call per thread.
 */
@Threads(2)
public class GaugeSetTwoThreadsBenchmark extends GaugeSetBenchmark
{
}

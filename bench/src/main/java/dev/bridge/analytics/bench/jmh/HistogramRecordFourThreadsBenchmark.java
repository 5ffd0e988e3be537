package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Threads;

/**
 * Histogram record, four producer threads on the same series: the benchmarks of {@link HistogramRecordBase} (same
 * method names), run by four threads sharing each {@code Scope.Benchmark} state: ns per call per thread. On 2 cores
 * the four producers (and the engine's consumer) share the machine, so a figure includes the time a thread waits
 * for a core.
 */
@Threads(4)
public class HistogramRecordFourThreadsBenchmark extends HistogramRecordBase
{
}

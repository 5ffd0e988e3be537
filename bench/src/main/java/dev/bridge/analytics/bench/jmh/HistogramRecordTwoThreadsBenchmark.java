package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Threads;

/**
 * Histogram record, two producer threads on the same series: the benchmarks of {@link HistogramRecordLabelledBase}
 * (same method names as {@link HistogramRecordBenchmark}), run by two threads sharing each {@code Scope.Benchmark}
 * state: ns per call per thread. Raw HdrHistogram {@code Histogram} is single-writer and the single-producer ring
 * takes one thread, so both are left out. On 2 cores the two producers and the consumer share the machine.
 */
@Threads(2)
public class HistogramRecordTwoThreadsBenchmark extends HistogramRecordLabelledBase
{
}

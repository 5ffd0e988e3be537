package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Threads;

/**
 * Counter increment, two producer threads on the same counter: the benchmarks and states of
 * {@link CounterIncrementBenchmark} (inherited, so the same method names), run by two threads sharing each
 * {@code Scope.Benchmark} state: ns per call per thread.
 */
@Threads(2)
public class CounterIncrementTwoThreadsBenchmark extends CounterIncrementBenchmark
{
}

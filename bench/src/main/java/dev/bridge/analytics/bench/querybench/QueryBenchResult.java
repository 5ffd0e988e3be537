package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.query.PercentileResult;

import java.util.List;

/**
 * The outcome of {@code analytics query-bench}. Immutable; thread-safe.
 *
 * @param history     the store that was built.
 * @param storeKept   true for a {@code --store} directory, false for a temporary one.
 * @param mismatches  series whose stored totals differ from what was published (empty: exact).
 * @param percentiles the seven percentiles of the last hour, as one call answered them.
 * @param warmUp      untimed calls per query.
 * @param timings     one per query.
 * @param jdk         java.version and java.vendor.
 * @param cpus        available processors.
 */
public record QueryBenchResult(
    History history,
    boolean storeKept,
    List<String> mismatches,
    PercentileResult percentiles,
    int warmUp,
    List<QueryTiming> timings,
    String jdk,
    int cpus)
{
    public QueryBenchResult
    {
        mismatches = List.copyOf(mismatches);
        timings = List.copyOf(timings);
    }

    /** @return true when every target with a figure is met. */
    public boolean targetsMet()
    {
        return timings.stream().allMatch(t -> t.met() == null || t.met());
    }
}

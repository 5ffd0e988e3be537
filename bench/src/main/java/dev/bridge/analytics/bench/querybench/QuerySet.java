package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.query.PercentileResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The queries of the query bench and their targets (issue 4): the dashboard over the last minute (median
 * <= 1 ms), hour (<= 5 ms) and day (<= 20 ms); seven percentiles of {@code read_latency_us} over the last hour in
 * one call (the buckets are read and merged once, the seven ranks are then looked up in the merged histogram),
 * with one percentile alone for comparison; and the stats of {@code read_latency_us} over the last day. Two
 * parts of the dashboard follow, timed alone to show where its time goes: the optimisation total over
 * {@link TimeRange#ALL} (its {@code optimizations.active} field reads three of them, whatever the range) and the
 * three latency percentiles over the last minute (its {@code performance} fields read two of them).
 * Stateless; thread-safe.
 */
public final class QuerySet
{
    /** The histogram metric the percentile and stats queries read. */
    public static final String METRIC = "read_latency_us";
    /** The seven fractions of the percentile query. */
    public static final double[] SEVEN = { 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0 };

    private QuerySet()
    {
    }

    /** A query of the set: its report name, its median target (microseconds, or null) and the call. */
    private record Query(String name, Long targetUs, Supplier<?> call)
    {
    }

    /**
     * @return the timings of every query, in the order of the report. Every query is warmed up ({@code warmUp}
     *         calls each) before any is timed, so that the first one timed does not pay for the JIT compiling the
     *         code all of them share.
     */
    public static List<QueryTiming> run(final AnalyticsQueries q, final int warmUp, final int iterations)
    {
        final List<Query> queries = List.of(
            new Query("dashboard(LAST_MINUTE)", 1_000L, () -> q.dashboard(TimeRange.LAST_MINUTE)),
            new Query("dashboard(LAST_HOUR)", 5_000L, () -> q.dashboard(TimeRange.LAST_HOUR)),
            new Query("dashboard(LAST_DAY)", 20_000L, () -> q.dashboard(TimeRange.LAST_DAY)),
            new Query("percentiles(" + METRIC + ", LAST_HOUR, 7 fractions)", null, () -> sevenPercentiles(q)),
            new Query("percentiles(" + METRIC + ", LAST_HOUR, p50 only)", null,
                () -> q.percentiles(METRIC, Map.of(), TimeRange.LAST_HOUR, 0.5)),
            new Query("stats(" + METRIC + ", LAST_DAY)", null, () -> q.stats(METRIC, TimeRange.LAST_DAY)),
            new Query("part: stats(optimization_started, ALL)", null,
                () -> q.stats("optimization_started", TimeRange.ALL)),
            new Query("part: percentiles(" + METRIC + ", LAST_MINUTE, 3 fractions)", null,
                () -> q.percentiles(METRIC, Map.of(), TimeRange.LAST_MINUTE, 0.5, 0.95, 0.99)));
        for (final Query query : queries)
        {
            QueryTiming.measure(query.name(), null, warmUp, 1, query.call());
        }
        final List<QueryTiming> timings = new ArrayList<>();
        for (final Query query : queries)
        {
            timings.add(QueryTiming.measure(query.name(), query.targetUs(), 0, iterations, query.call()));
        }
        return timings;
    }

    /** @return the seven percentiles of {@link #METRIC} over the last hour, from one call. */
    public static PercentileResult sevenPercentiles(final AnalyticsQueries q)
    {
        return q.percentiles(METRIC, Map.of(), TimeRange.LAST_HOUR, SEVEN);
    }
}

package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.TimeRange;
import dev.bridge.analytics.query.PercentileResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** @return the timings of every query, in the order of the report. */
    public static List<QueryTiming> run(final AnalyticsQueries q, final int warmUp, final int iterations)
    {
        final List<QueryTiming> timings = new ArrayList<>();
        timings.add(QueryTiming.measure("dashboard(LAST_MINUTE)", 1_000L, warmUp, iterations,
            () -> q.dashboard(TimeRange.LAST_MINUTE)));
        timings.add(QueryTiming.measure("dashboard(LAST_HOUR)", 5_000L, warmUp, iterations,
            () -> q.dashboard(TimeRange.LAST_HOUR)));
        timings.add(QueryTiming.measure("dashboard(LAST_DAY)", 20_000L, warmUp, iterations,
            () -> q.dashboard(TimeRange.LAST_DAY)));
        timings.add(QueryTiming.measure("percentiles(" + METRIC + ", LAST_HOUR, 7 fractions)", null, warmUp,
            iterations, () -> sevenPercentiles(q)));
        timings.add(QueryTiming.measure("percentiles(" + METRIC + ", LAST_HOUR, p50 only)", null, warmUp,
            iterations, () -> q.percentiles(METRIC, Map.of(), TimeRange.LAST_HOUR, 0.5)));
        timings.add(QueryTiming.measure("stats(" + METRIC + ", LAST_DAY)", null, warmUp, iterations,
            () -> q.stats(METRIC, TimeRange.LAST_DAY)));
        timings.add(QueryTiming.measure("part: stats(optimization_started, ALL)", null, warmUp, iterations,
            () -> q.stats("optimization_started", TimeRange.ALL)));
        timings.add(QueryTiming.measure("part: percentiles(" + METRIC + ", LAST_MINUTE, 3 fractions)", null, warmUp,
            iterations, () -> q.percentiles(METRIC, Map.of(), TimeRange.LAST_MINUTE, 0.5, 0.95, 0.99)));
        return timings;
    }

    /** @return the seven percentiles of {@link #METRIC} over the last hour, from one call. */
    public static PercentileResult sevenPercentiles(final AnalyticsQueries q)
    {
        return q.percentiles(METRIC, Map.of(), TimeRange.LAST_HOUR, SEVEN);
    }
}

package dev.bridge.analytics.snapshot;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.query.Aggregation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.bridge.analytics.snapshot.SplitWorkload.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Asserts that two query sides answer every query of {@link SplitWorkload}'s metrics exactly alike. */
final class SameAnswers
{
    /** Named ranges, and explicit ones read at each resolution (raw, unaligned raw, minutes, the hour). */
    static final List<TimeRange> RANGES = List.of(
        TimeRange.ALL, TimeRange.LAST_MINUTE, TimeRange.LAST_5_MINUTES, TimeRange.LAST_HOUR, TimeRange.LAST_DAY,
        between(0, 3), between(1, 62), between(60, 62), between(61, 62), between(0, 120), between(0, 180),
        between(0, 3_600));
    static final double[] PERCENTILES = { 0.5, 0.9, 0.99, 0.999 };

    /** Metric and label filter of every query: whole metrics and single series. */
    private static final List<Filter> FILTERS = List.of(
        new Filter("read_latency_us", Map.of()),
        new Filter("write_latency_us", Map.of()),
        new Filter("optimization_duration_ms", Map.of()),
        new Filter("job_duration_ms", Map.of()),
        new Filter("job_duration_ms", Map.of("queue", "a")),
        new Filter("job_duration_ms", Map.of("queue", "b")),
        new Filter("rpc_latency_us", Map.of()),
        new Filter("rpc_latency_us", Map.of("method", "put")),
        new Filter("variable_read", Map.of()),
        new Filter("variable_delete", Map.of()),
        new Filter("cache_hit", Map.of()),
        new Filter("optimization_failed", Map.of()),
        new Filter("operation_error", Map.of()),
        new Filter("operation_error", Map.of("operation", "write")),
        new Filter("grpc_error", Map.of("code", "UNAVAILABLE")),
        new Filter("active_sessions", Map.of()),
        new Filter("optimization_improvement", Map.of()));
    private static final List<String> AGGREGATIONS = List.of("avg", "sum", "min", "max", "count", "rate");
    /**
     * A counter's min, max, deviation and last value depend on how its calls were grouped into folds of the per-thread
     * cells (a fold is recorded as its calls' mean), which differs between one engine and two nodes: counters compare
     * what stays exact, count, sum, mean and rate.
     */
    private static final List<String> COUNTER_AGGREGATIONS = List.of("avg", "sum", "count", "rate");
    private static final Set<String> GAUGES = Set.of("active_sessions", "optimization_improvement");

    private SameAnswers()
    {
    }

    static TimeRange between(final long fromSec, final long toSec)
    {
        return TimeRange.between(Instant.ofEpochMilli(T0 + fromSec * 1000), Instant.ofEpochMilli(T0 + toSec * 1000));
    }

    /** Stats, rates, percentiles (exact and histogram mode), time series and dashboards over {@link #RANGES}. */
    static void assertSame(final AnalyticsQueries expected, final AnalyticsQueries actual)
    {
        for (final TimeRange range : RANGES)
        {
            assertEquals(expected.dashboard(range), actual.dashboard(range), "dashboard " + range);
            for (final Filter f : FILTERS)
            {
                final String what = f.metric + f.labels + " over " + range;
                assertEquals(f.comparable(expected.stats(f.metric, f.labels, range)),
                    f.comparable(actual.stats(f.metric, f.labels, range)), "stats of " + what);
                assertEquals(expected.rate(f.metric, f.labels, range), actual.rate(f.metric, f.labels, range),
                    "rate of " + what);
                if (f.histogram())
                {
                    assertEquals(expected.percentiles(f.metric, f.labels, range, PERCENTILES),
                        actual.percentiles(f.metric, f.labels, range, PERCENTILES), "percentiles of " + what);
                }
            }
        }
        for (final Duration interval : List.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1)))
        {
            final Instant from = Instant.ofEpochMilli(T0);
            final Instant to = Instant.ofEpochMilli(T0 + 180_000);
            for (final Filter f : FILTERS)
            {
                final List<String> aggregations = f.histogram() ?
                    List.of("avg", "sum", "min", "max", "count", "rate", "p50", "p99", "p99.9") :
                    f.counter() ? COUNTER_AGGREGATIONS : AGGREGATIONS;
                for (final String aggregation : aggregations)
                {
                    assertEquals(
                        expected.timeSeries(f.metric, f.labels, from, to, interval, Aggregation.parse(aggregation)),
                        actual.timeSeries(f.metric, f.labels, from, to, interval, Aggregation.parse(aggregation)),
                        aggregation + " of " + f.metric + f.labels + " per " + interval);
                }
            }
        }
    }

    private record Filter(String metric, Map<String, String> labels)
    {
        boolean histogram()
        {
            return metric.endsWith("_us") || metric.endsWith("_ms");
        }

        boolean counter()
        {
            return !histogram() && !GAUGES.contains(metric);
        }

        /** @return the stats, or for a counter only what its folds keep exact: count, sum, mean. */
        Object comparable(final Stats stats)
        {
            return counter() && stats != null ? List.of(stats.count(), stats.sum(), String.valueOf(stats.mean())) : stats;
        }
    }
}

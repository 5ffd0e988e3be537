package dev.bridge.analytics.promql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.bridge.analytics.promql.FixedSource.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Exact values of the PromQL subset over fixed samples, computed by hand with Prometheus 2.42's rules
 * (extrapolated rate, closed ranges, 5 m lookback, label handling).
 */
class PromqlEvaluatorTest
{
    /** c_total{job="a"}: 10, 20, 30, 40, 50 at 0..60 s; c_total{job="b"}: 1..5 at the same times; a reset series. */
    private static final FixedSource SOURCE = new FixedSource(List.of(
        series(new String[] { "__name__", "c_total", "job", "a" }, 0, 10, 15, 20, 30, 30, 45, 40, 60, 50),
        series(new String[] { "__name__", "c_total", "job", "b" }, 0, 1, 15, 2, 30, 3, 45, 4, 60, 5),
        series(new String[] { "__name__", "reset_total" }, 0, 10, 15, 20, 30, 5, 45, 15),
        series(new String[] { "__name__", "g", "job", "a" }, 0, 7, 30, 9),
        series(new String[] { "__name__", "h_bucket", "le", "0.1" }, 60, 10),
        series(new String[] { "__name__", "h_bucket", "le", "0.5" }, 60, 30),
        series(new String[] { "__name__", "h_bucket", "le", "1.0" }, 60, 40),
        series(new String[] { "__name__", "h_bucket", "le", "+Inf" }, 60, 40)));

    private static Map<String, Double> at(final String query, final double seconds)
    {
        final Value value = new PromqlEvaluator(SOURCE, PromqlEvaluator.DEFAULT_LOOKBACK_MS)
            .instant(PromqlParser.parse(query), (long)(seconds * 1000));
        if (value instanceof Value.Scalar s)
        {
            return Map.of("scalar", s.value());
        }
        return ((Value.Vector)value).samples().stream()
            .collect(Collectors.toMap(s -> s.labels().toString(), Value.Sample::value, (a, b) -> a, TreeMap::new));
    }

    @ParameterizedTest(name = "{0} at {1}s")
    @CsvSource(delimiter = '|', value = {
        // 5 samples over exactly the range: 40 / 60 s, no extrapolation
        "rate(c_total{job=\"a\"}[1m])          | 60 | 0.6666666666666666",
        "increase(c_total{job=\"a\"}[1m])      | 60 | 40.0",
        // 4 samples 15..60 in [10, 70]: 30 * (45 + 5 + 10) / 45 = 40 over 60 s
        "increase(c_total{job=\"a\"}[1m])      | 70 | 40.0",
        "rate(c_total{job=\"a\"}[1m])          | 70 | 0.6666666666666666",
        // 20, 30 in [15, 40] (2 samples): 10 * (15 + 0 + 10) / 15; toZero = 15 * 20 / 10 = 30 > 0
        "increase(c_total{job=\"a\"}[25s])     | 40 | 16.666666666666668",
        "irate(c_total{job=\"a\"}[1m])         | 60 | 0.6666666666666666",
        // a reset adds the value before it: 15 - 10 + 20 = 25
        "increase(reset_total[45s])            | 45 | 25.0",
        "irate(reset_total[45s])               | 45 | 0.6666666666666666",
        "sum_over_time(g[1m])                  | 40 | 16.0",
        "avg_over_time(g[1m])                  | 40 | 8.0",
        "min_over_time(c_total{job=\"b\"}[1m]) | 60 | 1.0",
        "max_over_time(c_total{job=\"b\"}[1m]) | 60 | 5.0",
        "count_over_time(c_total{job=\"b\"}[30s]) | 60 | 3.0",
        // offset moves the evaluation back: the value at 30 s
        "c_total{job=\"b\"} offset 30s        | 60 | 3.0",
        "sum(c_total)                         | 60 | 55.0",
        "count(c_total)                       | 60 | 2.0",
        "avg(c_total)                         | 60 | 27.5",
        "max(c_total) - min(c_total)          | 60 | 45.0",
        // rank 0.9 * 40 = 36 falls in (0.5, 1.0]: 0.5 + 0.5 * (36 - 30) / 10
        "histogram_quantile(0.9, h_bucket)    | 60 | 0.8",
        "histogram_quantile(0.1, h_bucket)    | 60 | 0.04",
        "histogram_quantile(0.99, h_bucket)   | 60 | 0.98",
        "histogram_quantile(1.5, h_bucket)    | 60 | Infinity",
        "scalar(c_total{job=\"a\"}) * 2       | 60 | 100.0",
        "time()                               | 60 | 60.0",
    })
    void shouldEvaluateOneValueAsPrometheusDoes(final String query, final double seconds, final double expected)
    {
        final Map<String, Double> result = at(query, seconds);

        assertEquals(1, result.size(), result.toString());
        assertEquals(expected, result.values().iterator().next(), 1e-12, query);
    }

    @Test
    void shouldFindTheNewestSampleWithinTheLookbackOnly()
    {
        assertEquals(Map.of("{__name__=g, job=a}", 9.0), at("g", 30 + 300));
        assertEquals(Map.of(), at("g", 30 + 301));
    }

    @Test
    void shouldGroupByAndWithoutDroppingTheName()
    {
        assertEquals(Map.of("{job=a}", 50.0, "{job=b}", 5.0), at("sum by (job) (c_total)", 60));
        assertEquals(Map.of("{job=a}", 50.0, "{job=b}", 5.0), at("max without () (c_total)", 60));
        assertEquals(Map.of("{}", 55.0), at("sum without (job) (c_total)", 60));
    }

    @Test
    void shouldMatchVectorsOnLabelsWithoutTheName()
    {
        // c_total{job=a} / g{job=a}: 50 / 9; job=b has no partner
        assertEquals(Map.of("{job=a}", 50.0 / 9), at("c_total / g", 60));
        assertEquals(Map.of("{job=a}", 50.0 / 9), at("c_total / on (job) g", 60));
    }

    @Test
    void shouldFilterWithComparisonsAndKeepTheName()
    {
        assertEquals(Map.of("{__name__=c_total, job=a}", 50.0), at("c_total > 10", 60));
        assertEquals(Map.of("{job=a}", 1.0, "{job=b}", 0.0), at("c_total > bool 10", 60));
        // one-to-one matching with on() keeps only the on() labels, as Prometheus' resultMetric does
        assertEquals(Map.of("{job=a}", 50.0), at("c_total > on (job) g", 60));
        assertEquals(Map.of("scalar", 1.0), at("2 > bool 1", 60));
    }

    @Test
    void shouldApplySetOperators()
    {
        assertEquals(Map.of("{__name__=c_total, job=a}", 50.0), at("c_total and g", 60));
        assertEquals(Map.of("{__name__=c_total, job=b}", 5.0), at("c_total unless g", 60));
        assertEquals(List.of("{__name__=c_total, job=a}", "{__name__=c_total, job=b}"),
            List.copyOf(at("c_total or g", 60).keySet()));
    }

    @Test
    void shouldRefuseTwoSeriesWithTheSameLabelsAfterDroppingNames()
    {
        final PromqlException ex = assertThrows(PromqlException.class,
            () -> at("rate({__name__=~\"c_total|g\"}[1m])", 60));
        assertEquals(PromqlException.Kind.EXECUTION, ex.kind());
        assertEquals("vector cannot contain metrics with the same labelset", ex.getMessage());
    }

    @Test
    void shouldEvaluateARangeQueryStepByStep()
    {
        final Value.Matrix m = new PromqlEvaluator(SOURCE, PromqlEvaluator.DEFAULT_LOOKBACK_MS)
            .range(PromqlParser.parse("c_total{job=\"b\"} * 2"), 0, 60_000, 30_000);

        assertEquals(1, m.series().size());
        assertEquals(Labels.of(Map.of("job", "b")), m.series().get(0).labels());
        assertEquals(List.of(0L, 30_000L, 60_000L), Arrays.stream(m.series().get(0).timestampsMs()).boxed().toList());
        assertEquals(List.of(2.0, 6.0, 10.0), Arrays.stream(m.series().get(0).values()).boxed().toList());
    }

    /**
     * histogram_quantile at each step of a range, two histograms: increases 0..30 s then 30..60 s (samples on the
     * range's edges: no extrapolation). job a: [10, 20, 20] -> 1, then [5, 15, 20] -> 1.5; job b: [0, 40, 40] -> 1.5,
     * then [20, 0, 0], made monotonic [20, 20, 20] -> 0.5.
     */
    @Test
    void shouldInterpolateEachStepsQuantileFromThatStepsBuckets()
    {
        final FixedSource source = new FixedSource(List.of(
            series(new String[] { "__name__", "h_bucket", "job", "a", "le", "1" }, 0, 0, 30, 10, 60, 15),
            series(new String[] { "__name__", "h_bucket", "job", "a", "le", "2" }, 0, 0, 30, 20, 60, 35),
            series(new String[] { "__name__", "h_bucket", "job", "a", "le", "+Inf" }, 0, 0, 30, 20, 60, 40),
            series(new String[] { "__name__", "h_bucket", "job", "b", "le", "1" }, 0, 0, 30, 0, 60, 20),
            series(new String[] { "__name__", "h_bucket", "job", "b", "le", "2" }, 0, 0, 30, 40, 60, 40),
            series(new String[] { "__name__", "h_bucket", "job", "b", "le", "+Inf" }, 0, 0, 30, 40, 60, 40)));

        final Value.Matrix m = new PromqlEvaluator(source, PromqlEvaluator.DEFAULT_LOOKBACK_MS)
            .range(PromqlParser.parse("histogram_quantile(0.5, increase(h_bucket[30s]))"), 30_000, 60_000, 30_000);

        assertEquals(2, m.series().size());
        assertEquals(Labels.of(Map.of("job", "a")), m.series().get(0).labels());
        assertEquals(List.of(1.0, 1.5), Arrays.stream(m.series().get(0).values()).boxed().toList());
        assertEquals(Labels.of(Map.of("job", "b")), m.series().get(1).labels());
        assertEquals(List.of(1.5, 0.5), Arrays.stream(m.series().get(1).values()).boxed().toList());
    }

    @Test
    void shouldEvaluateAScalarRangeAsOneSeriesWithoutLabels()
    {
        final Value.Matrix m = new PromqlEvaluator(SOURCE, PromqlEvaluator.DEFAULT_LOOKBACK_MS)
            .range(PromqlParser.parse("1 + 1"), 1000, 4000, 1500);

        assertEquals(Labels.EMPTY, m.series().get(0).labels());
        assertEquals(List.of(1000L, 2500L, 4000L), Arrays.stream(m.series().get(0).timestampsMs()).boxed().toList());
    }
}

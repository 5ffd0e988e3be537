package dev.bridge.analytics.promql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Native histograms in PromQL, exact values computed by hand with Prometheus 2.42's rules ({@code histogramRate},
 * {@code histogramQuantile}, {@code FloatHistogram.Add} at the smaller schema, {@code histogram_count/_sum}).
 * <pre>
 * h{job="a"} schema 0 at 0, 15, .., 60 s (k = 0..4): zero 1, (1,2] 1+k, (2,4] 2+k, count 4+2k, sum 10+5k
 * h{job="b"} schema 1 at 60 s: (2^0.5,2] 1, (2,2^1.5] 1, (2^1.5,4] 2, count 4, sum 11
 * fresh      schema 0 at 30, 45, 60 s: (1,2] 1, 5, 9
 * reset      schema 0 at 0, 15, 30, 45 s: (1,2] 4, 6, 2, 4   (a counter reset at 30 s)
 * </pre>
 */
class NativeHistogramEvaluationTest
{
    private static final FixedSource SOURCE = new FixedSource(List.of(
        series(Labels.of(Map.of("__name__", "h", "job", "a")), new long[] { 0, 15, 30, 45, 60 },
            k -> h(0, 4 + 2 * k, 10 + 5 * k, 1, new int[] { 1, 2 }, 1 + k, 2 + k)),
        series(Labels.of(Map.of("__name__", "h", "job", "b")), new long[] { 60 },
            k -> h(1, 4, 11, 0, new int[] { 2, 3, 4 }, 1, 1, 2)),
        series(Labels.of(Map.of("__name__", "fresh")), new long[] { 30, 45, 60 },
            k -> h(0, 1 + 4 * k, 0, 0, new int[] { 1 }, 1 + 4 * k)),
        series(Labels.of(Map.of("__name__", "reset")), new long[] { 0, 15, 30, 45 },
            k -> h(0, new double[] { 4, 6, 2, 4 }[k], 0, 0, new int[] { 1 }, new double[] { 4, 6, 2, 4 }[k])),
        FixedSource.series(new String[] { "__name__", "f" }, 60, 3)));

    private static NativeHistogram h(final int schema, final double count, final double sum, final double zero,
        final int[] indexes, final double... counts)
    {
        return new NativeHistogram(schema, count, sum, zero, indexes, counts);
    }

    private static SeriesSamples series(final Labels labels, final long[] seconds,
        final IntFunction<NativeHistogram> at)
    {
        final long[] t = new long[seconds.length];
        final NativeHistogram[] h = new NativeHistogram[seconds.length];
        for (int k = 0; k < t.length; k++)
        {
            t[k] = seconds[k] * 1000;
            h[k] = at.apply(k);
        }
        return new SeriesSamples(labels, t, new double[t.length], h);
    }

    private static List<Value.Sample> at(final String query, final long seconds)
    {
        return ((Value.Vector)new PromqlEvaluator(SOURCE, PromqlEvaluator.DEFAULT_LOOKBACK_MS)
            .instant(PromqlParser.parse(query), seconds * 1000)).samples();
    }

    private static Map<String, Double> floats(final String query, final long seconds)
    {
        final Map<String, Double> out = new TreeMap<>();
        at(query, seconds).forEach(s ->
        {
            assertNull(s.histogram(), query);
            out.put(s.labels().toString(), s.value());
        });
        return out;
    }

    private static NativeHistogram only(final String query, final long seconds)
    {
        final List<Value.Sample> samples = at(query, seconds);
        assertEquals(1, samples.size(), query + ": " + samples);
        return samples.get(0).histogram();
    }

    @Test
    void shouldSelectTheNewestNativeHistogramOfEachSeries()
    {
        final List<Value.Sample> samples = at("h", 50);

        assertEquals(1, samples.size());
        assertEquals(h(0, 10, 25, 1, new int[] { 1, 2 }, 4, 5), samples.get(0).histogram());
        assertEquals(Labels.of(Map.of("__name__", "h", "job", "a")), samples.get(0).labels());
    }

    @Test
    void shouldIncreaseANativeHistogramBucketByBucket()
    {
        // 5 samples over exactly [0, 60]: last - first, no extrapolation; the zero bucket's 1 - 1 is dropped
        assertEquals(h(0, 8, 20, 0, new int[] { 1, 2 }, 4, 4), only("increase(h{job=\"a\"}[1m])", 60));
        assertEquals(h(0, 8, 20, 0, new int[] { 1, 2 }, 4, 4).times(1 / 60.0), only("rate(h{job=\"a\"}[1m])", 60));
    }

    @Test
    void shouldExtrapolateANativeHistogramWithoutTheCountersZeroPoint()
    {
        // samples 30..60 in [0, 60]: 8 * (30 + 7.5 + 0) / 30 = 10 (2.42 does not cut the start at the zero point for
        // histograms); the float rule would give 8 * (30 + 3.75) / 30 = 9
        assertEquals(h(0, 10, 0, 0, new int[] { 1 }, 10), only("increase(fresh[1m])", 60));
        assertEquals(Map.of("{}", 10.0), floats("histogram_count(increase(fresh[1m]))", 60));
    }

    @Test
    void shouldAddTheHistogramBeforeACounterReset()
    {
        // 4 - 4, plus the 6 before the reset at 30 s
        assertEquals(h(0, 6, 0, 0, new int[] { 1 }, 6), only("increase(reset[45s])", 45));
    }

    @Test
    void shouldSumNativeHistogramsAtTheSmallerSchema()
    {
        // b at schema 0: (1,2] 1, (2,4] 1 + 2
        assertEquals(h(0, 16, 41, 1, new int[] { 1, 2 }, 6, 9), only("sum(h)", 60));
        assertEquals(Map.of("{}", 2.0), floats("count(h)", 60));
        // a group mixing floats and histograms has no sum
        assertEquals(Map.of(), floats("sum({__name__=~\"h|f\"})", 60));
    }

    @Test
    void shouldComputeQuantilesInsideNativeBucketsAsPrometheus242()
    {
        // rank 8 of 16: zero 1, (1,2] 6 -> 7, (2,4] 9 -> 16: 2 + 2 * (8 - 7) / 9
        assertEquals(Map.of("{}", 2 + 2 / 9.0), floats("histogram_quantile(0.5, sum(h))", 60));
        // rank 3 of 12: zero 1, (1,2] 5 -> 6: 1 + (3 - 1) / 5; rank 0.6 in the zero bucket [-0, 0]: 0
        assertEquals(Map.of("{job=a}", 1.4), floats("histogram_quantile(0.25, h{job=\"a\"})", 60));
        assertEquals(Map.of("{job=a}", 0.0), floats("histogram_quantile(0.05, h{job=\"a\"})", 60));
        assertEquals(Map.of("{job=a}", Double.POSITIVE_INFINITY),
            floats("histogram_quantile(1.5, h{job=\"a\"})", 60));
    }

    @Test
    void shouldReadCountAndSumOfNativeHistogramsOnly()
    {
        assertEquals(Map.of("{job=a}", 12.0, "{job=b}", 4.0), floats("histogram_count({__name__=~\"h|f\"})", 60));
        assertEquals(Map.of("{job=a}", 30.0, "{job=b}", 11.0), floats("histogram_sum(h)", 60));
    }

    @Test
    void shouldDropNativeHistogramsFromArithmeticButKeepThemInSetOperations()
    {
        assertEquals(Map.of("{}", 6.0), floats("{__name__=~\"h|f\"} * 2", 60));
        assertEquals(3, at("{__name__=~\"h|f\"} or f", 60).size());
    }

    @Test
    void shouldReturnNativeHistogramsInARangeQuery()
    {
        final Value.Matrix m = new PromqlEvaluator(SOURCE, PromqlEvaluator.DEFAULT_LOOKBACK_MS)
            .range(PromqlParser.parse("sum(h)"), 45_000, 60_000, 15_000);

        assertEquals(1, m.series().size());
        assertEquals(h(0, 10, 25, 1, new int[] { 1, 2 }, 4, 5), m.series().get(0).histogram(0));
        assertEquals(h(0, 16, 41, 1, new int[] { 1, 2 }, 6, 9), m.series().get(0).histogram(1));
    }
}

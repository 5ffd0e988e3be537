package dev.bridge.analytics.http;

import dev.bridge.analytics.promql.Labels;
import dev.bridge.analytics.promql.NativeHistogram;
import dev.bridge.analytics.promql.SeriesSamples;
import dev.bridge.analytics.promql.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Native histogram samples written as Prometheus 2.42's API writes them ({@code web/api/v1} {@code marshalHistogram},
 * {@code marshalSeriesJSON}): {@code "histogram":[t,{"count","sum","buckets":[[rule,lower,upper,count],..]}]} in a
 * vector, {@code "values"} then {@code "histograms"} in a matrix, each only when it has points.
 */
class PromNativeJsonTest
{
    /** schema 0: zero bucket 1, (1,2] 1, (2,4] 2, an empty (4,8] left out. */
    private static final NativeHistogram H = new NativeHistogram(0, 4, 10.5, 1, new int[] { 1, 2, 3 },
        new double[] { 1, 2, 0 });
    private static final String H_JSON =
        "{\"count\":\"4\",\"sum\":\"10.5\",\"buckets\":[[3,\"-0\",\"0\",\"1\"],[0,\"1\",\"2\",\"1\"],[0,\"2\",\"4\",\"2\"]]}";
    private static final Labels NAMED = Labels.of(Map.of("__name__", "h"));

    @Test
    void shouldWriteANativeHistogramSampleOfAVector()
    {
        final Value.Vector v = new Value.Vector(List.of(new Value.Sample(NAMED, H),
            new Value.Sample(Labels.of(Map.of("__name__", "f")), 2.5)));

        assertEquals("{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"h\"},\"histogram\":[60," +
            H_JSON + "]},{\"metric\":{\"__name__\":\"f\"},\"value\":[60,\"2.5\"]}]}",
            PromQueryEndpoint.render(v, 60_000));
    }

    @Test
    void shouldWriteNoBucketsMemberForAnEmptyHistogram()
    {
        assertEquals("{\"count\":\"0\",\"sum\":\"0\"}", PromJson.histogram(NativeHistogram.empty(8)));
    }

    @Test
    void shouldWriteValuesThenHistogramsOfAMatrixSeries()
    {
        final SeriesSamples mixed = new SeriesSamples(NAMED, new long[] { 15_000, 30_000, 45_000 },
            new double[] { 7, 0, 0 }, new NativeHistogram[] { null, H, H });
        final SeriesSamples histogramsOnly = new SeriesSamples(Labels.of(Map.of("__name__", "i")),
            new long[] { 30_000 }, new double[] { 0 }, new NativeHistogram[] { H });

        assertEquals("{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"__name__\":\"h\"},\"values\":[[15,\"7\"]]," +
            "\"histograms\":[[30," + H_JSON + "],[45," + H_JSON + "]]},{\"metric\":{\"__name__\":\"i\"},\"histograms\":[[30," +
            H_JSON + "]]}]}", PromQueryEndpoint.render(new Value.Matrix(List.of(mixed, histogramsOnly)), 45_000));
    }
}

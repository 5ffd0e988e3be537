package dev.bridge.analytics.promql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native histogram value type: schema reduction, arithmetic, reset detection, as Prometheus' FloatHistogram. */
class NativeHistogramTest
{
    private static final NativeHistogram SCHEMA_2 = new NativeHistogram(2, 10, 5, 1,
        new int[] { -3, 1, 2, 3, 4, 5 }, new double[] { 1, 1, 2, 1, 3, 1 });

    @Test
    void shouldMergeBucketsWhenReducingTheSchema()
    {
        // schema 2 -> 0: ((i - 1) >> 2) + 1 maps -3 -> 0, 1..4 -> 1, 5 -> 2
        assertEquals(new NativeHistogram(0, 10, 5, 1, new int[] { 0, 1, 2 }, new double[] { 1, 7, 1 }),
            SCHEMA_2.toSchema(0));
        assertSame(SCHEMA_2, SCHEMA_2.toSchema(2));
    }

    @Test
    void shouldSubtractAndAddAtTheSmallerSchemaDroppingEmptyBuckets()
    {
        final NativeHistogram coarse = new NativeHistogram(0, 8, 4, 1, new int[] { 0, 1, 2 }, new double[] { 1, 5, 1 });

        assertEquals(new NativeHistogram(0, 2, 1, 0, new int[] { 1 }, new double[] { 2 }), SCHEMA_2.minus(coarse));
        assertEquals(new NativeHistogram(0, 18, 9, 2, new int[] { 0, 1, 2 }, new double[] { 2, 12, 2 }),
            SCHEMA_2.plus(coarse));
    }

    @Test
    void shouldSubtractHistogramsSharingTheirBucketsBucketByBucket()
    {
        final int[] shared = { 1, 2, 3 };
        final NativeHistogram first = new NativeHistogram(0, 6, 2, 0, shared, new double[] { 1, 2, 3 });
        final NativeHistogram last = new NativeHistogram(0, 9, 3, 1, shared, new double[] { 1, 4, 3 });

        assertEquals(new NativeHistogram(0, 3, 1, 1, new int[] { 2 }, new double[] { 2 }), last.minus(first));
        assertSame(shared, last.plus(first).indexes());
    }

    @Test
    void shouldDetectACounterResetInAnyBucket()
    {
        final NativeHistogram before = new NativeHistogram(0, 5, 1, 0, new int[] { 1, 2 }, new double[] { 2, 3 });

        assertFalse(new NativeHistogram(0, 6, 1, 0, new int[] { 1, 2 }, new double[] { 2, 4 }).resetAfter(before));
        assertTrue(new NativeHistogram(0, 6, 1, 0, new int[] { 1, 3 }, new double[] { 3, 3 }).resetAfter(before),
            "bucket 2 emptied while the count grew");
        assertTrue(new NativeHistogram(0, 4, 1, 0, new int[] { 1, 2 }, new double[] { 2, 2 }).resetAfter(before));
        // sharing the index array (as a running histogram does): only the counts are compared
        assertTrue(new NativeHistogram(0, 6, 1, 0, before.indexes(), new double[] { 4, 2 }).resetAfter(before));
        assertFalse(new NativeHistogram(0, 6, 1, 0, before.indexes(), new double[] { 2, 4 }).resetAfter(before));
        assertFalse(before.resetAfter(before));
    }

    @Test
    void shouldAnswerTheHighestUpperBoundWhenTheRankIsNeverReached()
    {
        // a count above the buckets' sum (NaN observations in Prometheus): rank 9 of 10 is past the last bucket
        assertEquals(2.0, new NativeHistogram(0, 10, 1, 0, new int[] { 1 }, new double[] { 5 }).quantile(0.9));
        assertEquals(Double.NaN, NativeHistogram.empty(0).quantile(0.5));
    }
}

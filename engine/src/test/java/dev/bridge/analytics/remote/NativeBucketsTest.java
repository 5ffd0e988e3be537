package dev.bridge.analytics.remote;

import dev.bridge.analytics.SeededTries;
import dev.bridge.analytics.export.BucketBoundLabel;
import dev.bridge.analytics.query.NativeBuckets;
import dev.bridge.analytics.remote.prompb.Types;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The native-histogram schema, bucket indexes against a reference computation, and the span/delta encoding. */
class NativeBucketsTest
{
    @Test
    void shouldChooseTheFinestSchemaNoFinerThanHdrHistogramsPrecision()
    {
        assertEquals(0, NativeBuckets.schemaFor(0)); // 100% resolution: 2^(2^0) - 1 = 1
        assertEquals(2, NativeBuckets.schemaFor(1));
        assertEquals(6, NativeBuckets.schemaFor(2));
        assertEquals(8, NativeBuckets.schemaFor(3));
        assertEquals(8, NativeBuckets.schemaFor(5));
    }

    @Test
    void shouldPutEveryValueInTheBucketWhoseBoundsHoldIt()
    {
        for (final int schema : new int[]{ -4, 0, 3, 8 })
        {
            for (final double value : new double[]{ 1e-6, 5e-5, 1e-4, 0.25, 0.5, 1, 1.5, 2, 3, 1024, 1025, 59.999 })
            {
                assertEquals(referenceIndex(value, schema), NativeBuckets.index(value, schema), value + " at " + schema);
            }
        }
        assertEquals(0, NativeBuckets.index(1.0, 8), "1 is the upper bound of bucket 0");
        assertEquals(256, NativeBuckets.index(2.0, 8));
        assertEquals(257, NativeBuckets.index(2.000001, 8));
    }

    /** The smallest i with value <= 2^(i / 2^schema), by exact decimal arithmetic (no logarithm, no rounding). */
    private static int referenceIndex(final double value, final int schema)
    {
        final BigDecimal v = new BigDecimal(value);
        // schema >= 0: 2^(i / 2^s) >= v  <=>  2^i >= v^(2^s);  schema < 0: 2^(i * 2^-s) >= v
        final BigDecimal lhsValue = schema >= 0 ? v.pow(1 << schema) : v;
        int i = (int)Math.floor(Math.log(value) / Math.log(2) * Math.pow(2, schema)) - 3;
        while (true)
        {
            final int exponent = schema >= 0 ? i : i << -schema;
            final boolean holds = exponent >= 0 ?
                BigDecimal.valueOf(2).pow(exponent).compareTo(lhsValue) >= 0 :
                BigDecimal.ONE.compareTo(lhsValue.multiply(BigDecimal.valueOf(2).pow(-exponent))) >= 0;
            if (holds)
            {
                return i;
            }
            i++;
        }
    }

    @Test
    void shouldCountEachHdrBucketAtItsHighestEquivalentValueInBaseUnits()
    {
        final Histogram hdr = new Histogram(1, 60_000_000, 3);
        hdr.recordValue(100);       // 1e-4 s
        hdr.recordValue(100);
        hdr.recordValue(101);
        hdr.recordValueWithCount(1_000_000, 4); // 1 s: HdrHistogram keeps 1000448 us for it
        final NativeBuckets buckets = new NativeBuckets(8);
        buckets.add(hdr, 1e-6);
        final Map<Integer, Long> expected = new TreeMap<>();
        expected.merge(referenceIndex(1e-4, 8), 2L, Long::sum);
        expected.merge(referenceIndex(1.01e-4, 8), 1L, Long::sum);
        expected.merge(referenceIndex(hdr.highestEquivalentValue(1_000_000) / 1e6, 8), 4L, Long::sum);
        assertEquals(expected, buckets.buckets());
        assertEquals(0, buckets.zeroCount());
    }

    @Test
    void shouldAddAsAValueByValueFoldDoesAtEverySchema()
    {
        SeededTries.check(0x5CA1AB1EL, 25, random ->
        {
            final Histogram hdr = new Histogram(1, 60_000_000, 1 + random.nextInt(3));
            hdr.setAutoResize(true);
            final int values = 1 + random.nextInt(1_000);
            for (int i = 0; i < values; i++)
            {
                hdr.recordValueWithCount(random.nextInt(4) == 0 ? random.nextLong(2_000_000) : random.nextInt(2_000),
                    1 + random.nextInt(3));
            }
            return new Object[]{ hdr, -4 + random.nextInt(13) };
        }, input ->
        {
            final Histogram hdr = (Histogram)input[0];
            final int schema = (Integer)input[1];
            final NativeBuckets buckets = new NativeBuckets(schema);
            buckets.add(hdr, 1e-6);
            final Map<Integer, Long> expected = new TreeMap<>();
            long zero = 0;
            for (final org.HdrHistogram.HistogramIterationValue v : hdr.recordedValues())
            {
                final double value = v.getValueIteratedTo() * 1e-6;
                if (value <= 0)
                {
                    zero += v.getCountAtValueIteratedTo();
                }
                else
                {
                    expected.merge(referenceIndex(value, schema), v.getCountAtValueIteratedTo(), Long::sum);
                }
            }
            assertEquals(expected, buckets.buckets(), "schema " + schema);
            assertEquals(zero, buckets.zeroCount());
        });
    }

    @Test
    void shouldEncodeBucketsAsSpansOfConsecutiveIndexesAndDeltas()
    {
        final SeriesTotals totals = SeriesTotals.empty(0);
        totals.count = 99; // the aggregate's count; the native count is what the buckets hold
        totals.sum = 40;
        totals.nativeBuckets.addZero(1);
        totals.nativeBuckets.addToBucket(-3, 2);
        totals.nativeBuckets.addToBucket(-2, 1);
        totals.nativeBuckets.addToBucket(5, 4);
        totals.nativeBuckets.addToBucket(6, 4);
        final Types.Histogram h = WriteRequestBuilder.nativeHistogram(totals, 0.5, 1234);
        assertEquals(12, h.getCountInt());
        assertEquals(20.0, h.getSum());
        assertEquals(0, h.getSchema());
        assertEquals(1, h.getZeroCountInt());
        assertEquals(1234, h.getTimestamp());
        assertEquals(List.of("-3:2", "6:2"), h.getPositiveSpansList().stream()
            .map(s -> s.getOffset() + ":" + s.getLength()).toList(), "the second span starts 6 after the first's end (-1)");
        assertEquals(List.of(2L, -1L, 3L, 0L), h.getPositiveDeltasList());
    }

    @Test
    void shouldWriteBoundsAsTheScrapeDoes()
    {
        // the scrape's le labels (client_java), so that remote write, the scrape and the query API name one series
        assertEquals("5.0E-5", BucketBoundLabel.of(5e-5));
        assertEquals("1.0", BucketBoundLabel.of(1.0));
        assertEquals("250.0", BucketBoundLabel.of(250.0));
        assertEquals("+Inf", BucketBoundLabel.of(Double.POSITIVE_INFINITY));
    }
}

package dev.bridge.analytics.export;

import dev.bridge.analytics.SeededTries;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.query.ClassicCounts;
import dev.bridge.analytics.store.EncodedHistogramMerger;
import dev.bridge.analytics.store.HandEncodedHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scrape's one-pass classic counts ({@link ClassicCounts}) against the reference path (merge the encoding, then
 * {@link SnapshotAssembler#cumulativeCounts}): the same cumulative counts and total for every encoding, over seeded
 * random layouts and bounds, with values on, just below and just above every bound, above the last bound, empty and
 * one-value histograms, and counts past 2^62 that saturate.
 */
class ClassicCountsPropertiesTest
{
    private static final int TRIES = 400;
    /** One spec object per layout, as a catalog has, so that the reused counts keep what they found per layout. */
    private static final Map<String, HistogramSpec> SPECS = new HashMap<>();
    private static final ClassicCounts REUSED = new ClassicCounts();

    /** One encoding to count, and the layout and bounds it is counted with. */
    private record Input(long lowest, int digits, double[] bounds, TreeMap<Integer, Long> counts, boolean zeroRuns)
    {
        ByteBuffer encoding()
        {
            final HandEncodedHistogram encoded = new HandEncodedHistogram(lowest, digits);
            int next = 0;
            for (final var e : counts.entrySet())
            {
                final int gap = e.getKey() - next;
                if (zeroRuns || gap > 3)
                {
                    if (gap > 0)
                    {
                        encoded.put(-gap);
                    }
                }
                else
                {
                    for (int i = 0; i < gap; i++)
                    {
                        encoded.put(0); // explicit zero counts, as a short run may be written
                    }
                }
                encoded.put(e.getValue());
                next = e.getKey() + 1;
            }
            return encoded.encoding();
        }

        @Override
        public String toString()
        {
            return "lowest " + lowest + ", digits " + digits + ", bounds " + Arrays.toString(bounds) + ", counts by index " +
                counts + (zeroRuns ? "" : ", short gaps as zero counts");
        }
    }

    /** Values recorded into an HdrHistogram, to be encoded as the store writes them. */
    private record Recorded(double[] bounds, Histogram histogram)
    {
        @Override
        public String toString()
        {
            return "bounds " + Arrays.toString(bounds) + ", " + histogram.getTotalCount() + " values from " +
                histogram.getMinValue() + " to " + histogram.getMaxValue() + " (digits " +
                histogram.getNumberOfSignificantValueDigits() + ", lowest " + histogram.getLowestDiscernibleValue() + ")";
        }
    }

    @Test
    void shouldCountEveryHandWrittenEncodingAsMergingAndCountingTheMergedCountsDoes()
    {
        SeededTries.check(0xC1A5_5101L, TRIES, ClassicCountsPropertiesTest::handWritten, in ->
            assertSameAsReference(in.bounds(), in.encoding(), in.lowest(), in.digits()));
    }

    @Test
    void shouldCountEveryHdrHistogramEncodingAsMergingAndCountingTheMergedCountsDoes()
    {
        SeededTries.check(0xC1A5_5102L, TRIES, random ->
        {
            final Input layout = handWritten(random);
            final Histogram histogram = new Histogram(layout.lowest(), 2 * layout.lowest(), layout.digits());
            histogram.setAutoResize(true);
            final int values = random.nextInt(4) == 0 ? random.nextInt(2) : random.nextInt(300);
            for (int i = 0; i < values; i++)
            {
                histogram.recordValueWithCount(value(random, layout.bounds()), 1 + random.nextInt(1_000));
            }
            return new Recorded(layout.bounds(), histogram);
        }, in ->
        {
            final Histogram histogram = in.histogram();
            final ByteBuffer encoded = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity())
                .order(ByteOrder.BIG_ENDIAN);
            histogram.encodeIntoByteBuffer(encoded);
            encoded.flip();
            assertSameAsReference(in.bounds(), encoded, histogram.getLowestDiscernibleValue(),
                histogram.getNumberOfSignificantValueDigits());
        });
    }

    @Test
    void shouldLeaveAnEncodingOfAnotherLayoutToTheMerge()
    {
        final ClassicCounts classic = new ClassicCounts();
        classic.bounds(new double[] {10, 100});
        final ByteBuffer encoding = new HandEncodedHistogram(1, 2).put(5).encoding();

        assertFalse(classic.count(encoding, new HistogramSpec(1, 60_000_000, 3), new EncodedHistogramMerger(1, 3)));
        assertFalse(classic.counted());
        assertFalse(classic.count(new HandEncodedHistogram(1000, 3).put(5).encoding(),
            new HistogramSpec(1, 60_000_000, 3), new EncodedHistogramMerger(1, 3)));
    }

    @Test
    void shouldLeaveAMalformedEncodingOrIndexesPastTheLayoutToTheMerge()
    {
        final ClassicCounts classic = new ClassicCounts();
        classic.bounds(new double[] {10, 100});
        final HistogramSpec spec = new HistogramSpec(1, 60_000_000, 3);
        final EncodedHistogramMerger layout = new EncodedHistogramMerger(1, 3);
        assertTrue(classic.count(new HandEncodedHistogram(1, 3).put(-7).put(3).encoding(), spec, layout));
        assertTrue(classic.counted());

        assertFalse(classic.count(new HandEncodedHistogram(1, 3).put(3).putRaw(0x81).encoding(), spec, layout));
        assertFalse(classic.counted());
        // index 60,000 is past the layout's 2^63 values: its lowest value wraps
        assertFalse(classic.count(new HandEncodedHistogram(1, 3).put(-60_000).put(1).encoding(), spec, layout));
    }

    @Test
    void shouldForgetTheLastCountsOnClear()
    {
        final ClassicCounts classic = new ClassicCounts();
        classic.bounds(new double[] {10});
        assertTrue(classic.count(new HandEncodedHistogram(1, 3).put(-7).put(3).encoding(),
            new HistogramSpec(1, 60_000_000, 3), new EncodedHistogramMerger(1, 3)));
        assertEquals(3, classic.cumulativeCount(0));
        assertEquals(3, classic.totalCount());

        classic.clear();

        assertFalse(classic.counted());
    }

    private static void assertSameAsReference(
        final double[] bounds, final ByteBuffer encoding, final long lowest, final int digits)
    {
        final EncodedHistogramMerger merger = new EncodedHistogramMerger(lowest, digits);
        merger.add(encoding.duplicate());
        merger.normalize();
        final long[] expected = new long[bounds.length];
        if (merger.totalCount() > 0)
        {
            SnapshotAssembler.cumulativeCounts(bounds, merger, expected);
        }

        final ClassicCounts fresh = new ClassicCounts();
        fresh.bounds(bounds);
        final HistogramSpec spec = SPECS.computeIfAbsent(lowest + "/" + digits,
            k -> new HistogramSpec(lowest, Long.MAX_VALUE / 4, digits));
        assertTrue(fresh.count(encoding, spec, new EncodedHistogramMerger(lowest, digits)));
        assertArrayEquals(expected, counts(fresh, bounds.length));
        assertEquals(merger.totalCount(), fresh.totalCount());
        REUSED.bounds(bounds); // reused from try to try, as a scrape reuses it from family to family
        assertTrue(REUSED.count(encoding.duplicate(), spec, new EncodedHistogramMerger(lowest, digits)));
        assertArrayEquals(expected, counts(REUSED, bounds.length));
        assertEquals(merger.totalCount(), REUSED.totalCount());
    }

    private static long[] counts(final ClassicCounts classic, final int bounds)
    {
        final long[] counts = new long[bounds];
        for (int i = 0; i < counts.length; i++)
        {
            counts[i] = classic.cumulativeCount(i);
        }
        return counts;
    }

    private static Input handWritten(final SplittableRandom random)
    {
        final long lowest = random.nextInt(4) == 0 ? 1000 : 1;
        final int digits = 1 + random.nextInt(3);
        final double[] bounds = bounds(random, lowest);
        final EncodedHistogramMerger layout = new EncodedHistogramMerger(lowest, digits);
        final TreeMap<Integer, Long> counts = new TreeMap<>();
        final int shape = random.nextInt(8);
        final int values = shape == 0 ? 0 : shape == 1 ? 1 : random.nextInt(60);
        for (int i = 0; i < values; i++)
        {
            final int index = indexOf(layout, value(random, bounds));
            final long count = random.nextInt(6) == 0 ?
                (1L << 62) + random.nextLong(1L << 62) : // past 2^62: two of them saturate
                1 + random.nextInt(1_000);
            counts.put(index, count);
        }
        return new Input(lowest, digits, bounds, counts, random.nextBoolean());
    }

    /** @return 1 to 13 increasing bounds, integral or not, some below the layout's lowest discernible value. */
    private static double[] bounds(final SplittableRandom random, final long lowest)
    {
        final int n = 1 + random.nextInt(13);
        final double[] bounds = new double[n];
        double bound = random.nextInt(3) == 0 ? random.nextInt(5) : random.nextDouble() * lowest * 10;
        for (int i = 0; i < n; i++)
        {
            bounds[i] = bound;
            final double step = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : bound * random.nextDouble() * 4 + 0.5;
            bound = random.nextBoolean() ? Math.floor(bound + step) : bound + step;
        }
        return bounds;
    }

    /** @return a value on, just below or just above a bound, above the last one, or anywhere up to 2^40. */
    private static long value(final SplittableRandom random, final double[] bounds)
    {
        final int pick = random.nextInt(10);
        if (pick < 6)
        {
            final double bound = bounds[random.nextInt(bounds.length)];
            return Math.max(0, (long)Math.floor(bound) + random.nextInt(3) - 1);
        }
        if (pick < 8)
        {
            return (long)bounds[bounds.length - 1] + 1 + random.nextLong(1L << 30);
        }
        return random.nextLong(1L << 40);
    }

    /** @return the counts-array index of {@code value}: the last index whose lowest value is at or below it. */
    private static int indexOf(final EncodedHistogramMerger layout, final long value)
    {
        int low = 0;
        int high = 1;
        while (layout.lowestValueAt(high) <= value && layout.lowestValueAt(2 * high) > layout.lowestValueAt(high))
        {
            high *= 2; // lowest values increase with the index while they fit a long
        }
        while (high - low > 1)
        {
            final int mid = (low + high) >>> 1;
            if (layout.lowestValueAt(mid) <= value)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}

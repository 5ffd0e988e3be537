package dev.bridge.analytics.pipeline;

import com.sun.management.ThreadMXBean;
import dev.bridge.analytics.SeededTries;
import dev.bridge.analytics.config.HistogramSpec;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagedHistogramTest
{
    private static final HistogramSpec DEFAULT = new HistogramSpec(1, 60_000_000, 3);
    private static final List<HistogramSpec> SPECS = List.of(
        DEFAULT, new HistogramSpec(1000, 3_600_000_000_000L, 2), new HistogramSpec(1, 2, 0),
        new HistogramSpec(7, 1L << 40, 4), new HistogramSpec(1, Long.MAX_VALUE, 1));

    @Test
    void shouldLayOutCountsAsHdrHistogram()
    {
        for (final HistogramSpec spec : SPECS)
        {
            final HistogramShape shape = new HistogramShape(spec);
            final Histogram reference = reference(spec);
            assertEquals(reference.getEstimatedFootprintInBytes(), 512 + 8L * shape.countsLength(), spec.toString());
            for (int index = 0; index < shape.countsLength(); index++)
            {
                final long value = shape.valueAt(index);
                assertEquals(index, shape.index(value), spec + " index " + index);
                assertEquals(reference.lowestEquivalentValue(value), value, spec + " index " + index);
                assertEquals(index, shape.index(reference.highestEquivalentValue(value)), spec + " index " + index);
            }
            final SplittableRandom random = new SplittableRandom(18);
            for (int i = 0; i < 10_000; i++)
            {
                final long negative = i == 0 ? Long.MIN_VALUE : i == 1 ? -1 : random.nextLong(Long.MIN_VALUE, 0);
                assertEquals(true, shape.index(negative) >= shape.countsLength(), spec + " value " + negative);
            }
        }
    }

    @Test
    void shouldEncodeExactlyAsHdrHistogramOnSeededValues()
    {
        SeededTries.check(0x18A2L, 40, random -> values(random, SPECS.get(random.nextInt(SPECS.size() - 1))), input ->
        {
            final HistogramShape shape = new HistogramShape(input.spec);
            final PagedHistogram paged = new PagedHistogram(shape, new HistogramPagePool(16));
            final Histogram reference = reference(input.spec);
            for (final long value : input.values)
            {
                paged.recordValue(value);
                reference.recordValue(value);
            }
            assertEquals(reference.getTotalCount(), paged.getTotalCount());
            assertArrayEquals(encoding(reference), encoding(paged));
            final Histogram encoded = Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoding(paged)), 0);
            for (final double percentile : new double[]{ 0, 1, 50, 90, 99, 99.9, 100 })
            {
                assertEquals(reference.getValueAtPercentile(percentile), encoded.getValueAtPercentile(percentile));
            }
            assertEquals(reference.getMaxValue(), encoded.getMaxValue());
            assertEquals(reference.getMinValue(), encoded.getMinValue());
        });
    }

    @Test
    void shouldCountValuesAtTheRangeEdgesAndRefuseValuesOutsideIt()
    {
        final HistogramShape shape = new HistogramShape(DEFAULT);
        final PagedHistogram paged = new PagedHistogram(shape, new HistogramPagePool(16));
        final Histogram reference = reference(DEFAULT);
        final long topOfRange = reference.highestEquivalentValue(shape.valueAt(shape.countsLength() - 1));
        for (final long value : new long[]{ 0, 1, 2047, 2048, 2049, 59_999_999, 60_000_000, topOfRange })
        {
            paged.recordValue(value);
            reference.recordValue(value);
        }
        assertArrayEquals(encoding(reference), encoding(paged));
        final ArrayIndexOutOfBoundsException above =
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> paged.recordValue(topOfRange + 1));
        assertEquals("value " + (topOfRange + 1) + " outside of histogram covered range", above.getMessage());
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> reference.recordValue(topOfRange + 1));
        final ArrayIndexOutOfBoundsException negative =
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> paged.recordValue(-1));
        assertEquals("value -1 outside of histogram covered range", negative.getMessage());
        assertEquals(8, paged.getTotalCount());
        assertArrayEquals(encoding(reference), encoding(paged));
    }

    @Test
    void shouldAddPagedHistogramsAsHdrHistogramAdds()
    {
        SeededTries.check(0x18A3L, 20, random -> List.of(values(random, DEFAULT), values(random, DEFAULT)), input ->
        {
            final HistogramShape shape = new HistogramShape(DEFAULT);
            final HistogramPagePool pool = new HistogramPagePool(64);
            final PagedHistogram first = new PagedHistogram(shape, pool);
            final PagedHistogram second = new PagedHistogram(shape, pool);
            final Histogram reference = reference(DEFAULT);
            Arrays.stream(input.get(0).values).forEach(value -> { first.recordValue(value); reference.recordValue(value); });
            Arrays.stream(input.get(1).values).forEach(value -> { second.recordValue(value); reference.recordValue(value); });
            final PagedHistogram sum = new PagedHistogram(shape, pool);
            sum.add(first);
            sum.add(second);
            assertEquals(reference.getTotalCount(), sum.getTotalCount());
            assertArrayEquals(encoding(reference), encoding(sum));
            second.add(first);
            assertArrayEquals(encoding(reference), encoding(second));
        });
    }

    @Test
    void shouldTakePagesOnlyWhereValuesFallAndGiveThemBackZeroedOnReset()
    {
        final HistogramShape shape = new HistogramShape(DEFAULT);
        final HistogramPagePool pool = new HistogramPagePool(16);
        final PagedHistogram paged = new PagedHistogram(shape, pool);
        paged.recordValue(1);
        paged.recordValue(63);
        paged.recordValue(64);
        paged.recordValue(2_000);
        paged.recordValue(2_000);
        assertEquals(3, paged.pagesHeld()); // 1 and 63 in the first page, 64 in the second, 2000 in the 32nd
        paged.recordValue(2_000_000);
        assertEquals(4, paged.pagesHeld());
        assertEquals(4, pool.pagesAllocated());
        paged.reset();
        assertEquals(0, paged.pagesHeld());
        assertEquals(0, paged.getTotalCount());
        assertEquals(4, pool.freePages());
        paged.recordValue(2_000_000);
        assertEquals(4, pool.pagesAllocated());
        assertEquals(3, pool.freePages());
        final Histogram reference = reference(DEFAULT);
        reference.recordValue(2_000_000);
        assertArrayEquals(encoding(reference), encoding(paged)); // the reused page came back zeroed
    }

    @Test
    void shouldMoveACountPastItsPageRangeTo64BitsWithoutLosingOrWrapping()
    {
        final HistogramShape shape = new HistogramShape(DEFAULT);
        final HistogramPagePool pool = new HistogramPagePool(16);
        final PagedHistogram paged = new PagedHistogram(shape, pool, 5); // a page count of 5 moves to 64 bits
        final PagedHistogram other = new PagedHistogram(shape, pool, 5);
        final Histogram reference = reference(DEFAULT);
        for (int i = 0; i < 13; i++)
        {
            paged.recordValue(1_000);
            reference.recordValue(1_000);
        }
        for (int i = 0; i < 4; i++)
        {
            paged.recordValue(7);
            other.recordValue(7); // 4 + 4 passes 5 when added
            other.recordValue(1_000);
            reference.recordValueWithCount(7, 2);
            reference.recordValue(1_000);
        }
        for (int i = 0; i < 6; i++)
        {
            other.recordValue(2_000_000); // spilled in other, added to nothing in paged
            reference.recordValue(2_000_000);
        }
        assertEquals(13, paged.countAt(shape.index(1_000)));
        paged.add(other);

        assertEquals(17, paged.countAt(shape.index(1_000)));
        assertEquals(8, paged.countAt(shape.index(7)));
        assertEquals(6, paged.countAt(shape.index(2_000_000)));
        assertEquals(reference.getTotalCount(), paged.getTotalCount());
        assertArrayEquals(encoding(reference), encoding(paged));
        paged.reset();
        paged.recordValue(1_000);
        assertEquals(1, paged.countAt(shape.index(1_000)), "reset forgets the 64-bit counts too");
    }

    @Test
    void shouldSaturateAddedCountsAtLongMaxValue()
    {
        final HistogramShape shape = new HistogramShape(DEFAULT);
        final HistogramPagePool pool = new HistogramPagePool(16);
        final PagedHistogram sum = new PagedHistogram(shape, pool, 2);
        final PagedHistogram big = new PagedHistogram(shape, pool, 2);
        for (int i = 0; i < 3; i++)
        {
            big.recordValue(100);
        }
        for (int i = 0; i < 63; i++) // 3 x 2^62: past Long.MAX_VALUE
        {
            sum.add(big);
            big.add(big.emptyOfSameShape());
            final PagedHistogram doubled = big.emptyOfSameShape();
            doubled.add(big);
            doubled.add(big);
            big.reset();
            big.add(doubled);
        }
        assertEquals(Long.MAX_VALUE, sum.countAt(shape.index(100)));
    }

    @Test
    void shouldKeepAtMostMaxFreePagesAndAllocateWhenThePoolIsEmpty()
    {
        final HistogramPagePool pool = new HistogramPagePool(2);
        final int[] first = pool.take();
        final int[] second = pool.take();
        final int[] third = pool.take();
        assertEquals(3, pool.pagesAllocated());
        first[5] = 7;
        pool.give(first);
        pool.give(second);
        pool.give(third);
        assertEquals(2, pool.freePages());
        assertEquals(0, pool.take()[5]);
        pool.take();
        assertEquals(0, pool.freePages());
        pool.take();
        assertEquals(4, pool.pagesAllocated());
        assertEquals("maxFreePages must be >= 0, was -1",
            assertThrows(IllegalArgumentException.class, () -> new HistogramPagePool(-1)).getMessage());
    }

    @Test
    void shouldRecordWithoutAllocatingOnceThePoolHasPages()
    {
        final HistogramShape shape = new HistogramShape(DEFAULT);
        final HistogramPagePool pool = new HistogramPagePool(1024);
        final PagedHistogram paged = new PagedHistogram(shape, pool);
        final long[] values = new SplittableRandom(18).longs(100_000, 0, 60_000_001).toArray();
        for (int round = 0; round < 3; round++) // warm up: JIT, and the pool gets every page
        {
            record(paged, values);
            paged.reset();
        }
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        record(paged, values);
        paged.reset();
        record(paged, values);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // one allocation per value would be >= 3.2 MB; a few hundred bytes are the JIT's, seen under load
        assertTrue(allocated < 1024, allocated + " bytes allocated by 200,000 records");
        assertEquals(200_000 - 100_000, paged.getTotalCount());
    }

    private static void record(final PagedHistogram paged, final long[] values)
    {
        for (final long value : values)
        {
            paged.recordValue(value);
        }
    }

    private record Values(HistogramSpec spec, long[] values)
    {
        @Override
        public String toString()
        {
            return spec + " " + values.length + " values " + Arrays.toString(Arrays.copyOf(values, Math.min(8, values.length)));
        }
    }

    /** Log-normal latencies around 2 ms (in the spec's unit), plus values at the range's edges. */
    private static Values values(final SplittableRandom random, final HistogramSpec spec)
    {
        final long[] values = new long[random.nextInt(1, 3_000)];
        final long highest = spec.highestTrackableValue();
        for (int i = 0; i < values.length; i++)
        {
            values[i] = switch (random.nextInt(10))
            {
                case 0 -> 0;
                case 1 -> highest;
                case 2 -> random.nextLong(0, highest + 1);
                default -> Math.min(highest, (long)Math.exp(Math.log(2_000) + random.nextGaussian()));
            };
        }
        return new Values(spec, values);
    }

    private static Histogram reference(final HistogramSpec spec)
    {
        return new Histogram(spec.lowestDiscernibleValue(), spec.highestTrackableValue(), spec.significantDigits());
    }

    private static byte[] encoding(final PagedHistogram paged)
    {
        final ByteBuffer encoded = new EncodingMerge().adding(paged).rewrite(null);
        return Arrays.copyOf(encoded.array(), encoded.limit());
    }

    private static byte[] encoding(final Histogram histogram)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }
}

package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.SeededTries;
import dev.bridge.analytics.config.HistogramSpec;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EncodingMergeTest
{
    private static final List<HistogramSpec> SPECS = List.of(
        new HistogramSpec(1, 60_000_000, 3), new HistogramSpec(1000, 3_600_000_000_000L, 2), new HistogramSpec(1, 2, 0),
        new HistogramSpec(7, 1L << 40, 4), new HistogramSpec(1, Long.MAX_VALUE, 1));

    /** A stored histogram (absent, or values drawn in one of a few ways) and the values of a delta to add. */
    private record Merge(HistogramSpec spec, long[] stored, boolean absent, long[] delta)
    {
        @Override
        public String toString()
        {
            return spec + (absent ? " absent" : " stored " + Arrays.toString(stored)) + " delta " + Arrays.toString(delta);
        }
    }

    @Test
    void shouldWriteTheBytesHdrHistogramWritesForTheSum()
    {
        SeededTries.check(0xE1C0DEL, 400, EncodingMergeTest::merge, merge ->
        {
            final HistogramShape shape = new HistogramShape(merge.spec());
            final PagedHistogram delta = new PagedHistogram(shape, new HistogramPagePool(16));
            final Histogram reference = shape.emptyOfSameLayout();
            final Histogram stored = shape.emptyOfSameLayout();
            for (final long value : merge.stored())
            {
                stored.recordValue(value);
                reference.recordValue(value);
            }
            for (final long value : merge.delta())
            {
                delta.recordValue(value);
                reference.recordValue(value);
            }

            final ByteBuffer merged = new EncodingMerge().adding(delta).rewrite(merge.absent() ? null : encode(stored));

            assertArrayEquals(bytes(encode(reference)), bytes(merged));
        });
    }

    @Test
    void shouldAddToAnEncodingOfAnotherPrecisionThroughHdrHistogram()
    {
        final HistogramSpec spec = new HistogramSpec(1, 60_000_000, 3);
        final PagedHistogram delta = new PagedHistogram(new HistogramShape(spec), new HistogramPagePool(16));
        delta.recordValue(1_000);
        delta.recordValue(1_000);
        delta.recordValue(59_999_999);
        final Histogram coarse = new Histogram(1, 60_000_000, 1);
        coarse.recordValueWithCount(5, 7);
        coarse.recordValue(2_000_000);

        final ByteBuffer merged = new EncodingMerge().adding(delta).rewrite(encode(coarse));

        final Histogram sum = Histogram.decodeFromByteBuffer(merged, 0);
        assertEquals(3, sum.getNumberOfSignificantValueDigits());
        assertEquals(11, sum.getTotalCount());
        assertEquals(7, sum.getCountAtValue(5));
        assertEquals(2, sum.getCountAtValue(1_000));
        assertEquals(1, sum.getCountBetweenValues(1_900_000, 2_100_000));
        assertEquals(1, sum.getCountAtValue(59_999_999));
    }

    @Test
    void shouldSaturateACountInsteadOfWrapping()
    {
        final HistogramSpec spec = new HistogramSpec(1, 60_000_000, 3);
        final HistogramShape shape = new HistogramShape(spec);
        final Histogram stored = shape.emptyOfSameLayout();
        stored.recordValueWithCount(100, Long.MAX_VALUE - 1);
        final PagedHistogram delta = new PagedHistogram(shape, new HistogramPagePool(16));
        delta.recordValue(100);
        delta.recordValue(100);
        delta.recordValue(300);

        final ByteBuffer merged = new EncodingMerge().adding(delta).rewrite(encode(stored));

        final Histogram expected = shape.emptyOfSameLayout();
        expected.recordValueWithCount(100, Long.MAX_VALUE);
        expected.recordValue(300);
        assertArrayEquals(bytes(encode(expected)), bytes(merged));
    }

    private static Merge merge(final SplittableRandom random)
    {
        final HistogramSpec spec = SPECS.get(random.nextInt(SPECS.size()));
        final HistogramShape shape = new HistogramShape(spec);
        final boolean absent = random.nextInt(5) == 0;
        return new Merge(spec, values(random, shape, absent || random.nextInt(4) == 0 ? 0 : random.nextInt(1, 300)),
            absent, values(random, shape, random.nextInt(1, 300)));
    }

    /** Values by index: dense runs (single zeros between counts), far spread, and the range's ends. */
    private static long[] values(final SplittableRandom random, final HistogramShape shape, final int count)
    {
        final int last = shape.countsLength() - 1;
        final int denseFrom = random.nextInt(last + 1);
        final long[] values = new long[count];
        for (int i = 0; i < count; i++)
        {
            final int index = switch (random.nextInt(5))
            {
                case 0 -> Math.min(last, denseFrom + 2 * random.nextInt(8)); // counts one zero apart
                case 1 -> Math.min(last, denseFrom + random.nextInt(4));
                case 2 -> random.nextBoolean() ? 0 : last;
                default -> random.nextInt(last + 1);
            };
            values[i] = Math.min(shape.valueAt(index), shape.highestTrackableValue());
        }
        return values;
    }

    private static ByteBuffer encode(final Histogram histogram)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        histogram.encodeIntoByteBuffer(buffer);
        return buffer.flip();
    }

    private static byte[] bytes(final ByteBuffer buffer)
    {
        final byte[] bytes = new byte[buffer.limit()];
        buffer.get(0, bytes);
        return bytes;
    }
}

package dev.bridge.analytics.store;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EncodedHistogramMergerTest
{
    @ParameterizedTest
    @CsvSource({ "1, 60000000, 3", "1, 3600000, 2", "1000, 3600000000000, 3", "1, 1000, 0", "1, 2000000000000000000, 5" })
    void shouldAddAnEncodedHistogramExactlyAsDecodingAndAddingItDoes(
        final long lowest, final long highest, final int digits)
    {
        final SplittableRandom random = new SplittableRandom(lowest + digits);
        final Histogram source = new Histogram(lowest, highest, digits);
        for (int i = 0; i < 50_000; i++)
        {
            final long value = random.nextInt(10) == 0 ? random.nextLong(highest) : random.nextLong(Math.min(highest, 5_000));
            source.recordValueWithCount(value, 1 + random.nextInt(3) * (random.nextInt(100) == 0 ? 1_000_000_000L : 1));
        }
        source.recordValue(0);
        source.recordValue(highest);
        final ByteBuffer encoded = ByteBuffer.allocate(source.getNeededByteBufferCapacity()).order(ByteOrder.BIG_ENDIAN);
        source.encodeIntoByteBuffer(encoded);

        final Histogram expected = new Histogram(lowest, highest, digits);
        expected.recordValue(7 * lowest);
        final Histogram actual = expected.copy();
        expected.add(Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoded.array()), highest));
        EncodedHistogramMerger.addTo(actual, ByteBuffer.wrap(encoded.array()));

        assertEquals(expected, actual);
        assertEquals(expected.getTotalCount(), actual.getTotalCount());
        assertEquals(expected.getValueAtPercentile(99.9), actual.getValueAtPercentile(99.9));
    }

    @Test
    void shouldMergeManyEncodingsAndForeignLayoutsExactlyAsDecodingAndAddingThemDoes()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final Histogram expected = new Histogram(1, 60_000_000, 3);
        final EncodedHistogramMerger merger = new EncodedHistogramMerger(1, 3);
        for (int bucket = 0; bucket < 60; bucket++)
        {
            final int digits = bucket % 10 == 9 ? 2 : 3; // a bucket written under another config: decoded whole
            final Histogram source = new Histogram(1, 60_000_000, digits);
            for (int i = 0; i < 200; i++)
            {
                source.recordValue(random.nextInt(20) == 0 ? random.nextLong(60_000_000) : random.nextLong(3_000));
            }
            final ByteBuffer encoded = ByteBuffer.allocate(source.getNeededByteBufferCapacity()).order(ByteOrder.BIG_ENDIAN);
            source.encodeIntoByteBuffer(encoded);
            expected.add(Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoded.array()), 0));
            merger.add(ByteBuffer.wrap(encoded.array()));
        }
        final Histogram actual = new Histogram(1, 60_000_000, 3);
        merger.addTo(actual);

        assertEquals(expected, actual);
        assertEquals(12_000, actual.getTotalCount());
        assertEquals(expected.getMaxValue(), actual.getMaxValue());
        assertEquals(expected.getMinNonZeroValue(), actual.getMinNonZeroValue());
    }

    @ParameterizedTest
    @CsvSource({ "1, 60000000, 3", "1000, 3600000000000, 3", "1, 1000, 0", "16, 2000000000, 2" })
    void shouldGiveTheEquivalentValueRangeOfEveryIndexAsHdrHistogramDoes(
        final long lowest, final long highest, final int digits)
    {
        final Histogram source = new Histogram(lowest, highest, digits);
        final SplittableRandom random = new SplittableRandom(digits);
        for (int i = 0; i < 20_000; i++)
        {
            source.recordValue(random.nextLong(highest));
        }
        final EncodedHistogramMerger merger = EncodedHistogramMerger.of(source, lowest, digits);
        long total = 0;
        int nonZero = 0;
        for (int index = 0; index <= merger.highestIndex(); index++)
        {
            if (merger.countAt(index) > 0)
            {
                assertEquals(index, merger.nonZeroIndex(nonZero++), "the non-zero indexes in order");
                final long low = merger.lowestValueAt(index);
                assertEquals(source.lowestEquivalentValue(low), low, "lowest at " + index);
                assertEquals(source.highestEquivalentValue(low), merger.highestValueAt(index), "highest at " + index);
                assertEquals(source.getCountAtValue(low), merger.countAt(index), "count at " + index);
                total += merger.countAt(index);
            }
        }
        assertEquals(source.getTotalCount(), total);
        assertEquals(nonZero, merger.nonZeroCount());
        assertEquals(source.getTotalCount(), merger.totalCount());
        merger.reset();
        assertEquals(-1, merger.highestIndex());
        assertEquals(0, merger.totalCount());
    }

    @Test
    void shouldSaturateCountsAndTheTotalPastTheRangeOfALong()
    {
        final Histogram source = new Histogram(1, 60_000_000, 3);
        source.recordValueWithCount(100, 5_000_000_000_000_000_000L);
        source.recordValueWithCount(200, 1);
        final ByteBuffer encoded = ByteBuffer.allocate(source.getNeededByteBufferCapacity()).order(ByteOrder.BIG_ENDIAN);
        source.encodeIntoByteBuffer(encoded);
        final EncodedHistogramMerger merger = new EncodedHistogramMerger(1, 3);

        merger.add(ByteBuffer.wrap(encoded.array()));
        merger.add(ByteBuffer.wrap(encoded.array()));

        assertEquals(Long.MAX_VALUE, merger.totalCount());
        assertEquals(Long.MAX_VALUE, merger.countAt(100));
        assertEquals(2, merger.countAt(200));
    }
}

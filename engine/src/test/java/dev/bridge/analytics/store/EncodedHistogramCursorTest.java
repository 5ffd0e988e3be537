package dev.bridge.analytics.store;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncodedHistogramCursorTest
{
    @Test
    void shouldWalkTheNonZeroCountsInIncreasingIndexAsTheMergerCountsThem()
    {
        final SplittableRandom random = new SplittableRandom(18);
        final Histogram source = new Histogram(1, 60_000_000, 3);
        for (int i = 0; i < 5_000; i++)
        {
            source.recordValueWithCount(random.nextInt(10) == 0 ? random.nextLong(60_000_000) : random.nextLong(5_000),
                1 + random.nextInt(3));
        }
        final ByteBuffer encoded = ByteBuffer.allocate(source.getNeededByteBufferCapacity()).order(ByteOrder.BIG_ENDIAN);
        source.encodeIntoByteBuffer(encoded);
        final EncodedHistogramMerger merger = new EncodedHistogramMerger(1, 3);
        merger.add(ByteBuffer.wrap(encoded.array()));

        final EncodedHistogramCursor cursor = new EncodedHistogramCursor();
        assertTrue(cursor.wrap(encoded.duplicate().clear().limit(encoded.position())));
        assertEquals(3, cursor.significantDigits());
        assertEquals(1, cursor.lowestDiscernibleValue());
        int i = 0;
        while (cursor.next())
        {
            assertEquals(merger.nonZeroIndex(i), cursor.index());
            assertEquals(merger.countAt(cursor.index()), cursor.count());
            i++;
        }
        assertFalse(cursor.malformed());
        assertEquals(merger.nonZeroCount(), i);
    }

    @Test
    void shouldSkipExplicitZeroCountsAndRunsOfZerosAndKeepCountsPast2To62()
    {
        final ByteBuffer encoded = new HandEncodedHistogram(1, 3)
            .put(0).put(5).put(-3).put(Long.MAX_VALUE).put(0).put((1L << 62) + 1).put(-1_000_000).put(1).encoding();

        assertEquals(List.of(1L, 5L, 5L, Long.MAX_VALUE, 7L, (1L << 62) + 1, 1_000_008L, 1L), walk(encoded));
    }

    @Test
    void shouldStopAsMalformedOnAHeaderShorterThanTheHeaderOrAPayloadPastTheBuffer()
    {
        final EncodedHistogramCursor cursor = new EncodedHistogramCursor();

        assertFalse(cursor.wrap(ByteBuffer.allocate(39)));
        assertTrue(cursor.malformed());
        assertFalse(cursor.next());
        assertFalse(cursor.wrap(new HandEncodedHistogram(1, 3).put(5).encoding(2)));
        assertTrue(cursor.malformed());
        assertFalse(cursor.wrap(new HandEncodedHistogram(1, 3).put(5).encoding(-1)));
        assertTrue(cursor.malformed());
    }

    @Test
    void shouldStopAsMalformedOnAVarintCutShortByThePayloadsEnd()
    {
        final EncodedHistogramCursor cursor = new EncodedHistogramCursor();
        assertTrue(cursor.wrap(new HandEncodedHistogram(1, 3).put(5).putRaw(0x80).encoding()));

        assertTrue(cursor.next());
        assertEquals(5, cursor.count());
        assertFalse(cursor.next());
        assertTrue(cursor.malformed());
    }

    @Test
    void shouldStopAsMalformedOnARunOfZerosPastTheLargestIndex()
    {
        final EncodedHistogramCursor cursor = new EncodedHistogramCursor();
        assertTrue(cursor.wrap(new HandEncodedHistogram(1, 3).put(-Integer.MAX_VALUE).put(1).encoding()));
        assertFalse(cursor.next());
        assertTrue(cursor.malformed());

        assertTrue(cursor.wrap(new HandEncodedHistogram(1, 3).put(2).put(-(Integer.MAX_VALUE - 1L)).put(1).encoding()));
        assertTrue(cursor.next());
        assertFalse(cursor.next());
        assertTrue(cursor.malformed());

        assertTrue(cursor.wrap(new HandEncodedHistogram(1, 3).put(Long.MIN_VALUE).encoding()));
        assertFalse(cursor.next());
        assertTrue(cursor.malformed());
    }

    @Test
    void shouldWalkAgainAfterWrappingAnotherEncoding()
    {
        final EncodedHistogramCursor cursor = new EncodedHistogramCursor();
        assertFalse(cursor.wrap(ByteBuffer.allocate(3)));

        assertTrue(cursor.wrap(new HandEncodedHistogram(1, 3).put(-2).put(9).encoding()));
        assertFalse(cursor.malformed());
        assertTrue(cursor.next());
        assertEquals(2, cursor.index());
        assertEquals(9, cursor.count());
        assertFalse(cursor.next());
        assertFalse(cursor.malformed());
    }

    @Test
    void shouldWalkAnEncodingOutsideTheHeapAsOneOnTheHeap()
    {
        final ByteBuffer heap = new HandEncodedHistogram(1, 3).put(0).put(5).put(-300).put(Long.MAX_VALUE).encoding();
        final ByteBuffer direct = ByteBuffer.allocateDirect(heap.limit()).put(heap.duplicate()).clear();

        assertEquals(List.of(1L, 5L, 302L, Long.MAX_VALUE), walk(direct));
        assertEquals(walk(heap), walk(direct));
    }

    /** @return index, count, index, count... of every non-zero count. */
    private static List<Long> walk(final ByteBuffer encoded)
    {
        final EncodedHistogramCursor cursor = new EncodedHistogramCursor();
        assertTrue(cursor.wrap(encoded));
        final List<Long> walked = new ArrayList<>();
        while (cursor.next())
        {
            walked.add((long)cursor.index());
            walked.add(cursor.count());
        }
        assertFalse(cursor.malformed());
        return walked;
    }
}

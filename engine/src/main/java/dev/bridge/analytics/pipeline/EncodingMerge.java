package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.store.EncodedHistogramCursor;
import dev.bridge.analytics.store.EncodingRewrite;
import dev.bridge.analytics.store.SaturatingMath;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;

import static dev.bridge.analytics.pipeline.HistogramPagePool.PAGE_COUNTS;
import static dev.bridge.analytics.pipeline.HistogramShape.HEADER_LENGTH;

/**
 * Adds the counts of a {@link PagedHistogram} to a stored bucket histogram without decoding it into a histogram: one
 * pass over the stored V2 payload's non-zero counts ({@link EncodedHistogramCursor}) and the delta's, in index order, writing the encoding of the sum exactly as HdrHistogram's {@code encodeIntoByteBuffer}
 * writes it (a run of two or more zeros as one negative token, a single zero as 0, nothing after the last count,
 * one 0 for an empty histogram), so the bytes equal those of a decoded, added and re-encoded histogram. Counts
 * saturate at {@link Long#MAX_VALUE}. A stored encoding of another layout (header other than the delta's shape:
 * the catalog's precision or range changed) is decoded, added and re-encoded through HdrHistogram instead: slower,
 * allocates, still exact.
 * <p>
 * Written by hand because the stored totals of a series grow to thousands of counts and are rewritten at every
 * commit: HdrHistogram would decode them into a full counts array (136 KB at 1 us..60 s, 3 digits) and walk all of it
 * twice. Cost: linear in the stored encoding's bytes plus the delta's pages; allocation-free once the output buffer
 * has grown. Not thread-safe: one instance per consumer thread.
 */
final class EncodingMerge implements EncodingRewrite
{
    /** Largest ZigZag LEB128 token (HdrHistogram's 9-byte form). */
    private static final int MAX_TOKEN_BYTES = 9;

    private PagedHistogram delta;
    private ByteBuffer out = ByteBuffer.allocate(16 * 1024);
    private byte[] bytes = out.array();
    private final EncodedHistogramCursor cursor = new EncodedHistogramCursor();
    private int position;
    private int nextIndex;

    /** @return this merge, set to add {@code counts} (not empty) to the stored encoding it is given. */
    EncodingRewrite adding(final PagedHistogram counts)
    {
        this.delta = counts;
        return this;
    }

    @Override
    public ByteBuffer rewrite(final ByteBuffer stored)
    {
        final HistogramShape shape = delta.shape();
        if (stored != null && !sameLayout(stored, shape.header()))
        {
            return decodedSum(stored);
        }
        final int storedPayload = stored == null ? 0 : stored.getInt(4);
        // every delta count adds at most a count token and splits a zero run in two
        ensureCapacity(HEADER_LENGTH + storedPayload + 3L * MAX_TOKEN_BYTES * (delta.pagesHeld() * (long)PAGE_COUNTS + 1));
        System.arraycopy(shape.header(), 0, bytes, 0, HEADER_LENGTH);
        position = HEADER_LENGTH;
        nextIndex = 0;
        int fromDelta = delta.nextNonZeroIndex(0);
        int fromStored = Integer.MAX_VALUE;
        if (stored != null && cursor.wrap(stored) && cursor.next())
        {
            fromStored = cursor.index();
        }
        while (fromDelta >= 0 || fromStored != Integer.MAX_VALUE)
        {
            if (fromDelta >= 0 && fromDelta <= fromStored)
            {
                long count = delta.countAt(fromDelta);
                if (fromDelta == fromStored)
                {
                    count = SaturatingMath.add(count, cursor.count());
                    fromStored = cursor.next() ? cursor.index() : Integer.MAX_VALUE;
                }
                count(fromDelta, count);
                fromDelta = delta.nextNonZeroIndex(fromDelta + 1);
            }
            else
            {
                count(fromStored, cursor.count());
                fromStored = cursor.next() ? cursor.index() : Integer.MAX_VALUE;
            }
        }
        if (stored != null && cursor.malformed())
        {
            throw new IllegalStateException("the stored histogram encoding is malformed (" + stored.limit() +
                " bytes): refused, not overwritten");
        }
        if (position == HEADER_LENGTH)
        {
            bytes[position++] = 0; // HdrHistogram encodes an empty histogram as one zero count
        }
        out.putInt(4, position - HEADER_LENGTH);
        return out.clear().limit(position);
    }

    private static boolean sameLayout(final ByteBuffer stored, final byte[] header)
    {
        if (stored.limit() < HEADER_LENGTH || stored.getInt(4) < 0 || stored.getInt(4) > stored.limit() - HEADER_LENGTH)
        {
            return false;
        }
        final byte[] from = stored.array();
        for (int i = 0; i < HEADER_LENGTH; i++)
        {
            if (from[i] != header[i] && (i < 4 || i >= 8)) // bytes 4..7: the payload length
            {
                return false;
            }
        }
        return true;
    }

    /** Writes the non-zero {@code count} at {@code index}, after the run of zeros since the last one written. */
    private void count(final int index, final long count)
    {
        final long zeros = index - nextIndex;
        if (zeros == 1)
        {
            bytes[position++] = 0;
        }
        else if (zeros > 1)
        {
            token(-zeros);
        }
        token(count);
        nextIndex = index + 1;
    }

    /** Writes {@code value} as HdrHistogram's ZigZag LEB128-64b9B (at most 9 bytes). */
    private void token(final long value)
    {
        long v = (value << 1) ^ (value >> 63);
        for (int i = 0; i < 8; i++)
        {
            if ((v >>> 7) == 0)
            {
                bytes[position++] = (byte)v;
                return;
            }
            bytes[position++] = (byte)((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[position++] = (byte)v;
    }

    private void ensureCapacity(final long capacity)
    {
        if (capacity > bytes.length)
        {
            out = ByteBuffer.allocate((int)Math.min(Integer.MAX_VALUE - 8, Math.max(capacity, 2L * bytes.length)));
            bytes = out.array();
        }
    }

    /** The slow path for a stored encoding of another layout: HdrHistogram decodes, adds and encodes. Allocates. */
    private ByteBuffer decodedSum(final ByteBuffer stored)
    {
        final HistogramShape shape = delta.shape();
        final Histogram decoded = Histogram.decodeFromByteBuffer(stored.duplicate().position(0), shape.highestTrackableValue());
        final Histogram sum = shape.emptyOfSameLayout();
        sum.setAutoResize(true);
        sum.add(decoded);
        delta.addTo(sum);
        ensureCapacity(sum.getNeededByteBufferCapacity());
        out.clear();
        sum.encodeIntoByteBuffer(out);
        return out.flip();
    }
}

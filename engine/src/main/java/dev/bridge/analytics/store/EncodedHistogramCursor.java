package dev.bridge.analytics.store;

import java.nio.ByteBuffer;

/**
 * A flyweight that walks the non-zero counts of one stored HdrHistogram V2 encoding (uncompressed, big-endian; the
 * layout drawn in {@link EncodedHistogramMerger}) in increasing counts-array index, straight from the bytes: no counts
 * array, no index list, nothing allocated. The payload is ZigZag LEB128 longs, each a count at the current index
 * (then the index advances by one) or {@code -(a run of zero counts)} (the index advances by the run), decoded as
 * {@link EncodedHistogramMerger#add} and HdrHistogram's {@code ZigZagEncoding} decode them (at most 9 bytes, the
 * 9th taken whole).
 * <pre>
 *   cursor.wrap(encoding);
 *   while (cursor.next())
 *   {
 *       use(cursor.index(), cursor.count());
 *   }
 *   if (cursor.malformed()) { ... decode some other way, or refuse ... }
 * </pre>
 * A payload that is not what a writer of the format makes stops the walk with {@link #malformed()} true: it runs past
 * its buffer (its header's length, or a varint cut short), or a run of zeros would take the index past
 * {@link Integer#MAX_VALUE} (or is {@link Long#MIN_VALUE}). The walk is then as far as it got; callers fall back.
 * <p>
 * Not thread-safe: one walk at a time per instance; {@link #wrap} again to reuse it. Does not block.
 */
public final class EncodedHistogramCursor
{
    /** Bytes before the payload. */
    public static final int HEADER_LENGTH = 40;
    private static final int PAYLOAD_LENGTH_OFFSET = 4;
    private static final int SIGNIFICANT_DIGITS_OFFSET = 12;
    private static final int LOWEST_DISCERNIBLE_VALUE_OFFSET = 16;

    private ByteBuffer encoded;
    private byte[] array;
    /** Holds the bytes of an encoding without an accessible array (copied once per {@link #wrap}). */
    private byte[] copy = new byte[0];
    private int position;
    private int end;
    private int nextIndex;
    private int index;
    private long count;
    private boolean malformed;

    /**
     * Starts a walk over {@code encoding}: the encoding from its position 0 up to its limit (the buffer's position
     * and limit are not changed). Reads a heap buffer's array in place; copies any other buffer once (allocating when
     * it is larger than any before).
     *
     * @return false, with {@link #malformed()} true, when the buffer is shorter than the header or than the payload
     *         length the header gives.
     */
    public boolean wrap(final ByteBuffer encoding)
    {
        this.encoded = encoding;
        this.nextIndex = 0;
        this.index = -1;
        this.count = 0;
        final int limit = encoding.limit();
        if (limit < HEADER_LENGTH)
        {
            return stop();
        }
        final int payloadLength = encoding.getInt(PAYLOAD_LENGTH_OFFSET);
        if (payloadLength < 0 || payloadLength > limit - HEADER_LENGTH)
        {
            return stop();
        }
        if (encoding.hasArray() && encoding.arrayOffset() == 0)
        {
            this.array = encoding.array();
        }
        else
        {
            if (copy.length < limit)
            {
                copy = new byte[limit];
            }
            encoding.get(0, copy, 0, limit);
            this.array = copy;
        }
        this.position = HEADER_LENGTH;
        this.end = HEADER_LENGTH + payloadLength;
        this.malformed = false;
        return true;
    }

    /** @return the significant digits the header gives (the layout of the indexes). */
    public int significantDigits()
    {
        return encoded.getInt(SIGNIFICANT_DIGITS_OFFSET);
    }

    /** @return the lowest discernible value the header gives (the layout of the indexes). */
    public long lowestDiscernibleValue()
    {
        return encoded.getLong(LOWEST_DISCERNIBLE_VALUE_OFFSET);
    }

    /**
     * Moves to the next non-zero count.
     *
     * @return true when {@link #index()} and {@link #count()} hold it; false at the end of the payload, or when the
     *         payload is malformed ({@link #malformed()}).
     */
    public boolean next()
    {
        final byte[] bytes = array;
        final int stop = end;
        int at = position;
        int next = nextIndex;
        while (at < stop)
        {
            long value = bytes[at];
            if (value >= 0)
            {
                at++; // one byte: the common case of a small count or a short run of zeros
                value = (value >>> 1) ^ -(value & 1);
            }
            else
            {
                position = at;
                value = readVarint();
                if (malformed)
                {
                    return false;
                }
                at = position;
            }
            if (value >= 0)
            {
                if (next == Integer.MAX_VALUE)
                {
                    return stop();
                }
                if (value > 0)
                {
                    index = next;
                    count = value;
                    position = at;
                    nextIndex = next + 1;
                    return true;
                }
                next++; // an explicit zero count
            }
            else
            {
                if (value == Long.MIN_VALUE || -value > Integer.MAX_VALUE - next)
                {
                    return stop();
                }
                next += (int)-value;
            }
        }
        position = at;
        nextIndex = next;
        return false;
    }

    /** @return the ZigZag LEB128 long at {@link #position}, advanced past it; stops as malformed when cut short. */
    private long readVarint()
    {
        final byte[] bytes = array;
        long raw = 0;
        int shift = 0;
        long b;
        do
        {
            if (position >= end)
            {
                stop(); // a varint cut short by the payload's end
                return 0;
            }
            b = bytes[position++];
            raw |= shift == 56 ? b << 56 : (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0 && shift < 63);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** @return the counts-array index of the current count (after {@link #next()} returned true). */
    public int index()
    {
        return index;
    }

    /** @return the current count, positive (after {@link #next()} returned true). */
    public long count()
    {
        return count;
    }

    /** @return true when the walk stopped on a payload that no writer of the format makes. */
    public boolean malformed()
    {
        return malformed;
    }

    private boolean stop()
    {
        malformed = true;
        end = 0;
        position = 0;
        return false;
    }
}

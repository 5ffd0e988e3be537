package dev.bridge.analytics.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes HdrHistogram V2 encodings by hand (header, then ZigZag LEB128 payload longs as HdrHistogram's
 * {@code ZigZagEncoding} writes them), so that tests control every payload long: counts past 2^62, explicit zero
 * counts, runs of zeros of any length, cut-short or overlong payloads. Not thread-safe.
 */
public final class HandEncodedHistogram
{
    private final long lowestDiscernibleValue;
    private final int significantDigits;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();

    /** @param lowestDiscernibleValue and {@code significantDigits}: the layout the header gives. */
    public HandEncodedHistogram(final long lowestDiscernibleValue, final int significantDigits)
    {
        this.lowestDiscernibleValue = lowestDiscernibleValue;
        this.significantDigits = significantDigits;
    }

    /** Appends one payload long: a count, or -(a run of zero counts). */
    public HandEncodedHistogram put(final long value)
    {
        long v = (value << 1) ^ (value >> 63);
        for (int i = 0; i < 8; i++)
        {
            if ((v >>> 7) == 0)
            {
                payload.write((int)v);
                return this;
            }
            payload.write((int)((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        payload.write((int)v); // the 9th byte carries 8 bits
        return this;
    }

    /** Appends raw payload bytes (to cut a varint short). */
    public HandEncodedHistogram putRaw(final int b)
    {
        payload.write(b);
        return this;
    }

    /** @return the encoding: header giving the payload's length, then the payload; heap, big-endian. */
    public ByteBuffer encoding()
    {
        return encoding(payload.size());
    }

    /** @return the encoding with a header giving {@code payloadLength} (which may lie). */
    public ByteBuffer encoding(final int payloadLength)
    {
        final byte[] bytes = payload.toByteArray();
        final ByteBuffer encoded = ByteBuffer.allocate(EncodedHistogramCursor.HEADER_LENGTH + bytes.length)
            .order(ByteOrder.BIG_ENDIAN);
        encoded.putInt(0x1c849303).putInt(payloadLength).putInt(0).putInt(significantDigits)
            .putLong(lowestDiscernibleValue).putLong(Long.MAX_VALUE / 2).putDouble(1.0).put(bytes);
        return encoded.clear();
    }
}

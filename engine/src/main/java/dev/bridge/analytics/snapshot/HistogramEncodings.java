package dev.bridge.analytics.snapshot;

import dev.bridge.analytics.config.HistogramSpec;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;

/**
 * Checks that bytes are an uncompressed HdrHistogram V2 encoding in the layout of a metric's histogram (what the
 * store's {@code HistogramWriter} writes), by decoding them with HdrHistogram. Stateless; thread-safe.
 * <pre>
 *  0: int cookie  4: int payload length  8: int normalizing index offset  12: int significant digits
 * 16: long lowest discernible value  24: long highest trackable value  32: double conversion ratio  40: payload
 * </pre>
 */
final class HistogramEncodings
{
    private static final int HEADER_LENGTH = 40;
    /** The cookie of HdrHistogram's uncompressed V2 encoding, as an encoding of this version writes it. */
    private static final int V2_COOKIE = cookieOf(new Histogram(1, 2, 0));

    private HistogramEncodings()
    {
    }

    /** @return null when {@code encoded} is a V2 encoding in {@code spec}'s layout, else the problem, in words. */
    static String problem(final byte[] encoded, final HistogramSpec spec, final String metric)
    {
        if (encoded.length < HEADER_LENGTH)
        {
            return "does not decode: " + encoded.length + " bytes, shorter than the 40-byte header of an HdrHistogram " +
                "V2 encoding";
        }
        final ByteBuffer buffer = ByteBuffer.wrap(encoded);
        if (buffer.getInt(0) != V2_COOKIE)
        {
            return "does not decode: not an uncompressed HdrHistogram V2 encoding (cookie 0x" +
                Integer.toHexString(buffer.getInt(0)) + ")";
        }
        final int payload = buffer.getInt(4);
        if (payload != encoded.length - HEADER_LENGTH)
        {
            return "does not decode: the header gives a payload of " + payload + " bytes, " +
                (encoded.length - HEADER_LENGTH) + " follow it";
        }
        final int digits = buffer.getInt(12);
        final long lowest = buffer.getLong(16);
        final long highest = buffer.getLong(24);
        if (digits != spec.significantDigits() || lowest != spec.lowestDiscernibleValue() ||
            highest != spec.highestTrackableValue())
        {
            return "layout " + layout(lowest, highest, digits) + " differs from metric '" + metric + "' " +
                layout(spec.lowestDiscernibleValue(), spec.highestTrackableValue(), spec.significantDigits());
        }
        try
        {
            Histogram.decodeFromByteBuffer(buffer, spec.highestTrackableValue());
        }
        catch (final RuntimeException ex)
        {
            return "does not decode: " + ex.getClass().getSimpleName() +
                (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        }
        return null;
    }

    private static String layout(final long lowest, final long highest, final int digits)
    {
        return "(lowest " + lowest + ", highest " + highest + ", " + digits + " significant digits)";
    }

    private static int cookieOf(final Histogram histogram)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        histogram.encodeIntoByteBuffer(buffer);
        return buffer.getInt(0);
    }
}

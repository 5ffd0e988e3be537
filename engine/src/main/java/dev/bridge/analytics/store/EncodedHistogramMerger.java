package dev.bridge.analytics.store;

import org.HdrHistogram.AbstractHistogram;

import java.nio.ByteBuffer;

/**
 * Adds a stored bucket histogram (HdrHistogram's uncompressed V2 encoding) into a target histogram without
 * decoding it into a histogram of its own: the payload is walked once and only its non-zero counts are added, by
 * the lowest value of their counts-array index. That is a few hundred bytes for a latency bucket, where decoding
 * plus {@code add} walked the 17,408 counters of a 1 us .. 60 s, 3-digit histogram twice and allocated 140 KB.
 * The encoding's header gives the index layout (lowest discernible value and significant digits); the target
 * must cover the encoded values. Stateless, thread-safe.
 * <pre>
 *  0: int cookie  4: int payload length  8: int normalizing index offset (0)  12: int significant digits
 * 16: long lowest discernible value  24: long highest trackable value  32: double conversion ratio
 * 40: payload: ZigZag LEB128 longs; a count, or -(a run of zero counts)
 * </pre>
 */
public final class EncodedHistogramMerger
{
    private static final int HEADER_LENGTH = 40;

    private EncodedHistogramMerger()
    {
    }

    /** Adds every count of {@code encoded} (from position 0, big-endian) into {@code target}. */
    public static void addTo(final AbstractHistogram target, final ByteBuffer encoded)
    {
        final int payloadLength = encoded.getInt(4);
        final int digits = encoded.getInt(12);
        final long lowest = encoded.getLong(16);
        final long largestValueWithSingleUnitResolution = 2 * (long)Math.pow(10, digits);
        final int unitMagnitude = (int)(Math.log(lowest) / Math.log(2));
        final int subBucketCountMagnitude = (int)Math.ceil(Math.log(largestValueWithSingleUnitResolution) / Math.log(2));
        final int subBucketHalfCountMagnitude = subBucketCountMagnitude - 1;
        final int subBucketHalfCount = 1 << subBucketHalfCountMagnitude;
        int position = HEADER_LENGTH;
        final int end = HEADER_LENGTH + payloadLength;
        int index = 0;
        while (position < end)
        {
            long raw = 0;
            int shift = 0;
            long b;
            do
            {
                b = encoded.get(position++);
                raw |= shift == 56 ? b << 56 : (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0 && shift < 63);
            final long count = (raw >>> 1) ^ -(raw & 1);
            if (count < 0)
            {
                index += (int)-count;
            }
            else
            {
                if (count > 0)
                {
                    int bucketIndex = (index >> subBucketHalfCountMagnitude) - 1;
                    int subBucketIndex = (index & (subBucketHalfCount - 1)) + subBucketHalfCount;
                    if (bucketIndex < 0)
                    {
                        subBucketIndex -= subBucketHalfCount;
                        bucketIndex = 0;
                    }
                    target.recordValueWithCount((long)subBucketIndex << (bucketIndex + unitMagnitude), count);
                }
                index++;
            }
        }
    }
}

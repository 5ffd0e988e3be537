package dev.bridge.analytics.store;

import org.HdrHistogram.AbstractHistogram;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Merges stored bucket histograms (HdrHistogram's uncompressed V2 encoding) without decoding each into a histogram
 * of its own: each payload is walked once and its non-zero counts are added to one counts array, which is
 * recorded into the target once at the end, by the lowest value of each counts-array index (recording into the
 * histogram per bucket updated its min, max and total for every count of every bucket). That is a few hundred bytes for a latency bucket, where decoding
 * plus {@code add} walked the 17,408 counters of a 1 us .. 60 s, 3-digit histogram twice and allocated 140 KB.
 * The encoding's header gives the index layout (lowest discernible value and significant digits); the target
 * must cover the encoded values. Not thread-safe: one merge per instance, on one thread.
 * <pre>
 *  0: int cookie  4: int payload length  8: int normalizing index offset (0)  12: int significant digits
 * 16: long lowest discernible value  24: long highest trackable value  32: double conversion ratio
 * 40: payload: ZigZag LEB128 longs; a count, or -(a run of zero counts)
 * </pre>
 */
public final class EncodedHistogramMerger
{
    private static final int HEADER_LENGTH = 40;

    private final int digits;
    private final long lowest;
    private final int unitMagnitude;
    private final int subBucketHalfCountMagnitude;
    private final int subBucketHalfCount;
    private long[] counts = new long[2048];
    private int highestIndex = -1;
    private Histogram foreign;

    /** A merger of encodings with this layout (others are decoded and added whole: slower, still exact). */
    public EncodedHistogramMerger(final long lowestDiscernibleValue, final int significantDigits)
    {
        this.digits = significantDigits;
        this.lowest = lowestDiscernibleValue;
        final long largestValueWithSingleUnitResolution = 2 * (long)Math.pow(10, digits);
        this.unitMagnitude = (int)(Math.log(lowest) / Math.log(2));
        final int subBucketCountMagnitude = (int)Math.ceil(Math.log(largestValueWithSingleUnitResolution) / Math.log(2));
        this.subBucketHalfCountMagnitude = subBucketCountMagnitude - 1;
        this.subBucketHalfCount = 1 << subBucketHalfCountMagnitude;
    }

    /** Adds every count of {@code encoded} (from position 0, big-endian) into {@code target}. */
    public static void addTo(final AbstractHistogram target, final ByteBuffer encoded)
    {
        final EncodedHistogramMerger merger =
            new EncodedHistogramMerger(encoded.getLong(16), encoded.getInt(12));
        merger.add(encoded);
        merger.addTo(target);
    }

    /** Adds the counts of {@code encoded} (from position 0, big-endian) to the merged counts. */
    public void add(final ByteBuffer encoded)
    {
        if (encoded.getInt(12) != digits || encoded.getLong(16) != lowest)
        {
            if (foreign == null)
            {
                foreign = new Histogram(encoded.getInt(12)); // auto-resizing: layouts may differ between buckets
            }
            foreign.add(Histogram.decodeFromByteBuffer(encoded.duplicate().position(0), 0));
            return;
        }
        final int payloadLength = encoded.getInt(4);
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
                    if (index >= counts.length)
                    {
                        counts = Arrays.copyOf(counts, Math.max(index + 1, counts.length * 2));
                    }
                    counts[index] += count;
                    highestIndex = Math.max(highestIndex, index);
                }
                index++;
            }
        }
    }

    /** Records the merged counts into {@code target}, which must cover their values; the merger is unchanged. */
    public void addTo(final AbstractHistogram target)
    {
        for (int index = 0; index <= highestIndex; index++)
        {
            final long count = counts[index];
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
        }
        if (foreign != null)
        {
            target.add(foreign);
        }
    }
}

package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.HistogramSpec;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * HdrHistogram's counts-array layout for one {@link HistogramSpec} (value to index and back, computed exactly as
 * {@code AbstractHistogram} does, whose methods for it are not public), plus the header of that spec's V2 encoding,
 * which {@link EncodingMerge} writes. Immutable, thread-safe; allocation-free after construction.
 */
final class HistogramShape
{
    /** Bytes of HdrHistogram's V2 encoding header; the payload follows. */
    static final int HEADER_LENGTH = 40;

    private final int unitMagnitude;
    private final int subBucketHalfCountMagnitude;
    private final int subBucketHalfCount;
    private final long subBucketMask;
    private final int leadingZeroCountBase;
    private final int countsLength;
    private final long highestTrackableValue;
    private final long lowestDiscernibleValue;
    private final int significantDigits;
    private final byte[] header;

    HistogramShape(final HistogramSpec spec)
    {
        lowestDiscernibleValue = spec.lowestDiscernibleValue();
        significantDigits = spec.significantDigits();
        unitMagnitude = 63 - Long.numberOfLeadingZeros(spec.lowestDiscernibleValue());
        final long largestValueWithSingleUnitResolution = 2 * (long)Math.pow(10, spec.significantDigits());
        final int subBucketCountMagnitude = 64 - Long.numberOfLeadingZeros(largestValueWithSingleUnitResolution - 1);
        subBucketHalfCountMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
        final int subBucketCount = 1 << (subBucketHalfCountMagnitude + 1);
        subBucketHalfCount = subBucketCount / 2;
        subBucketMask = ((long)subBucketCount - 1) << unitMagnitude;
        leadingZeroCountBase = 64 - unitMagnitude - subBucketHalfCountMagnitude - 1;
        highestTrackableValue = spec.highestTrackableValue();
        long smallestUntrackableValue = (long)subBucketCount << unitMagnitude;
        int bucketsNeeded = 1;
        while (smallestUntrackableValue <= highestTrackableValue)
        {
            if (smallestUntrackableValue > Long.MAX_VALUE / 2)
            {
                bucketsNeeded++;
                break;
            }
            smallestUntrackableValue <<= 1;
            bucketsNeeded++;
        }
        countsLength = (bucketsNeeded + 1) * subBucketHalfCount; // AbstractHistogram.getLengthForNumberOfBuckets
        final Histogram template = emptyOfSameLayout();
        final ByteBuffer empty = ByteBuffer.allocate(template.getNeededByteBufferCapacity());
        template.encodeIntoByteBuffer(empty);
        header = Arrays.copyOf(empty.array(), HEADER_LENGTH);
    }

    /**
     * @return the first {@value #HEADER_LENGTH} bytes of this shape's V2 encoding (cookie, payload length of an
     *         empty histogram, normalizing offset, digits, lowest, highest, conversion ratio); read-only.
     */
    byte[] header()
    {
        return header;
    }

    /** @return the spec's highest trackable value (larger values are recorded as this one by the stages). */
    long highestTrackableValue()
    {
        return highestTrackableValue;
    }

    /** @return the length of a full histogram's counts array of this shape (as {@code AbstractHistogram} sizes it). */
    int countsLength()
    {
        return countsLength;
    }

    /**
     * @return the counts index of {@code value} (>= 0), as {@code AbstractHistogram.countsArrayIndex}; a value
     *         above highest gives an index >= {@link #countsLength()}, a negative one a meaningless index.
     */
    int index(final long value)
    {
        return index(value, leadingZeroCountBase, subBucketMask, unitMagnitude, subBucketHalfCountMagnitude);
    }

    /** {@link #index(long)} with the shape's constants passed in (from {@link #indexConstants()}). */
    static int index(
        final long value, final int leadingZeroCountBase, final long subBucketMask, final int unitMagnitude,
        final int subBucketHalfCountMagnitude)
    {
        final int bucketIndex = leadingZeroCountBase - Long.numberOfLeadingZeros(value | subBucketMask);
        final int subBucketIndex = (int)(value >>> (bucketIndex + unitMagnitude));
        final int bucketBaseIndex = (bucketIndex + 1) << subBucketHalfCountMagnitude;
        return bucketBaseIndex + subBucketIndex - (1 << subBucketHalfCountMagnitude);
    }

    /** @return leading-zero count base, sub-bucket mask, unit magnitude, sub-bucket half-count magnitude. */
    long[] indexConstants()
    {
        return new long[]{ leadingZeroCountBase, subBucketMask, unitMagnitude, subBucketHalfCountMagnitude };
    }

    /** @return the lowest value counted at {@code index}, as {@code AbstractHistogram.valueFromIndex}. */
    long valueAt(final int index)
    {
        int bucketIndex = (index >> subBucketHalfCountMagnitude) - 1;
        int subBucketIndex = (index & (subBucketHalfCount - 1)) + subBucketHalfCount;
        if (bucketIndex < 0)
        {
            subBucketIndex -= subBucketHalfCount;
            bucketIndex = 0;
        }
        return (long)subBucketIndex << (bucketIndex + unitMagnitude);
    }

    /** @return a new empty histogram of this shape's spec. Allocates a full counts array. */
    Histogram emptyOfSameLayout()
    {
        return new Histogram(lowestDiscernibleValue, highestTrackableValue, significantDigits);
    }
}

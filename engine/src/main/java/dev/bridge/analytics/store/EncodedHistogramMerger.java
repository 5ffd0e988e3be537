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
 * must cover the encoded values. Counts and the total saturate at {@link Long#MAX_VALUE} (a tampered or merged store
 * with counts past 2^63) instead of wrapping. Not thread-safe: one merge per instance, on one thread.
 * <pre>
 *  0: int cookie  4: int payload length  8: int normalizing index offset (0)  12: int significant digits
 * 16: long lowest discernible value  24: long highest trackable value  32: double conversion ratio
 * 40: payload: ZigZag LEB128 longs; a count, or -(a run of zero counts)
 * </pre>
 */
public final class EncodedHistogramMerger
{

    private final int digits;
    private final long lowest;
    private final int unitMagnitude;
    private final int subBucketHalfCountMagnitude;
    private final int subBucketHalfCount;
    private long[] counts = new long[2048];
    /** The indexes holding a count, in the order they were first counted ({@link #sortIndexes} sorts them). */
    private int[] indexes = new int[256];
    private int indexCount;
    private boolean indexesSorted = true;
    private int highestIndex = -1;
    private long totalCount;
    private Histogram foreign;
    private final EncodedHistogramCursor cursor = new EncodedHistogramCursor();

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
        cursor.wrap(encoded);
        while (cursor.next())
        {
            final int index = cursor.index();
            final long count = cursor.count();
            if (index >= counts.length)
            {
                counts = Arrays.copyOf(counts, Math.max(index + 1, counts.length * 2));
            }
            if (counts[index] == 0)
            {
                if (indexCount == indexes.length)
                {
                    indexes = Arrays.copyOf(indexes, indexCount * 2);
                }
                indexesSorted &= indexCount == 0 || indexes[indexCount - 1] < index;
                indexes[indexCount++] = index;
            }
            counts[index] = SaturatingMath.add(counts[index], count);
            totalCount = SaturatingMath.add(totalCount, count);
            highestIndex = Math.max(highestIndex, index);
        }
        if (cursor.malformed())
        {
            throw new IllegalArgumentException("malformed histogram encoding (" + encoded.limit() + " bytes)");
        }
    }

    /** @return a merger holding the counts of {@code histogram} (of any layout) in the layout given. */
    public static EncodedHistogramMerger of(
        final AbstractHistogram histogram, final long lowestDiscernibleValue, final int significantDigits)
    {
        final EncodedHistogramMerger merger = new EncodedHistogramMerger(lowestDiscernibleValue, significantDigits);
        merger.addDecoded(histogram);
        return merger;
    }

    /** Forgets every count; the counts array keeps its size for the next merge. */
    public void reset()
    {
        for (int i = 0; i < indexCount; i++)
        {
            counts[indexes[i]] = 0L;
        }
        indexCount = 0;
        indexesSorted = true;
        highestIndex = -1;
        totalCount = 0;
        foreign = null;
    }

    /**
     * Brings the counts of encodings of another layout (decoded whole by {@link #add}) into this layout, so that
     * {@link #countAt} and the value bounds cover every count. A no-op when every encoding had this layout.
     */
    public void normalize()
    {
        if (foreign != null)
        {
            final Histogram folded = foreign;
            foreign = null;
            addDecoded(folded);
        }
    }

    private void addDecoded(final AbstractHistogram histogram)
    {
        final Histogram inLayout = new Histogram(lowest, Math.max(2 * lowest, histogram.getMaxValue()), digits);
        inLayout.setAutoResize(true);
        inLayout.add(histogram);
        final ByteBuffer encoded = ByteBuffer.allocate(inLayout.getNeededByteBufferCapacity());
        inLayout.encodeIntoByteBuffer(encoded);
        add(encoded);
    }

    /** @return the highest counts-array index holding a count, -1 when empty (after {@link #normalize}). */
    public int highestIndex()
    {
        return highestIndex;
    }

    /** @return how many counts-array indexes hold a count (after {@link #normalize}). */
    public int nonZeroCount()
    {
        return indexCount;
    }

    /**
     * @return the {@code i}th counts-array index holding a count, in increasing order: {@code i} in
     *         [0, {@link #nonZeroCount()}). Walking these visits only the indexes that hold counts, where walking to
     *         {@link #highestIndex()} visits up to 17,408 of a 1 us .. 60 s, 3-digit layout.
     */
    public int nonZeroIndex(final int i)
    {
        if (!indexesSorted)
        {
            Arrays.sort(indexes, 0, indexCount);
            indexesSorted = true;
        }
        return indexes[i];
    }

    /** @return the count at a counts-array index (0 past {@link #highestIndex}). */
    public long countAt(final int index)
    {
        return index <= highestIndex ? counts[index] : 0L;
    }

    /** @return the number of values merged (of this layout; all of them after {@link #normalize}). */
    public long totalCount()
    {
        return totalCount;
    }

    /** @return the lowest value counted at {@code index}: HdrHistogram's {@code lowestEquivalentValue}. */
    public long lowestValueAt(final int index)
    {
        final int bucketIndex = (index >> subBucketHalfCountMagnitude) - 1;
        final int subBucketIndex = index & (subBucketHalfCount - 1);
        return bucketIndex < 0 ?
            (long)subBucketIndex << unitMagnitude :
            (long)(subBucketIndex + subBucketHalfCount) << (bucketIndex + unitMagnitude);
    }

    /** @return the highest value counted at {@code index}: HdrHistogram's {@code highestEquivalentValue}. */
    public long highestValueAt(final int index)
    {
        final int bucketIndex = Math.max(0, (index >> subBucketHalfCountMagnitude) - 1);
        return lowestValueAt(index) + (1L << (bucketIndex + unitMagnitude)) - 1;
    }

    /** Records the merged counts into {@code target}, which must cover their values; the merger is unchanged. */
    public void addTo(final AbstractHistogram target)
    {
        for (int i = 0; i < indexCount; i++)
        {
            target.recordValueWithCount(lowestValueAt(indexes[i]), counts[indexes[i]]);
        }
        if (foreign != null)
        {
            target.add(foreign);
        }
    }
}

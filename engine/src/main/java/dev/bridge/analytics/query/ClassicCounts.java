package dev.bridge.analytics.query;

import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.store.EncodedHistogramCursor;
import dev.bridge.analytics.store.EncodedHistogramMerger;
import dev.bridge.analytics.store.SaturatingMath;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The cumulative classic bucket counts of one stored histogram encoding, counted in one pass over its payload
 * ({@link EncodedHistogramCursor}): each counts-array index, in increasing order, is counted at its lowest value
 * ({@link EncodedHistogramMerger#lowestValueAt}) in the first bucket whose bound is at or above it, counts saturating
 * ({@link SaturatingMath}); a value above the last bound is in no finite bucket. These are exactly the counts of
 * merging the encoding ({@link EncodedHistogramMerger#add}) and counting the merged counts at the bounds, without the
 * counts array, the index list and the sort. Lowest values increase with the index, so each bound is turned once per
 * family and layout into the first index above it, and the walk compares indexes only. An encoding of another layout
 * than the metric's, or one the cursor finds malformed, or whose indexes leave the layout (values past a long), is not
 * counted: the caller merges it instead.
 * <p>
 * Not thread-safe: one series at a time; reused from series to series and scrape to scrape (allocates only when
 * given more bounds than ever before, and once per layout). Does not block.
 */
public final class ClassicCounts
{
    private final EncodedHistogramCursor cursor = new EncodedHistogramCursor();
    private double[] upperBounds = new double[0];
    private long[] cumulative = new long[16];
    /**
     * Per bound: the first counts-array index whose lowest value is above it (for {@link #thresholdsSpec}); then
     * {@link Integer#MAX_VALUE}.
     */
    private int[] firstIndexAbove = new int[16];
    /**
     * The highest counts-array index whose lowest value fits a long (for {@link #thresholdsSpec}), below
     * {@link Integer#MAX_VALUE}.
     */
    private int highestIndex;
    /** The layout {@link #firstIndexAbove} was found for; null when the bounds changed since. */
    private HistogramSpec thresholdsSpec;
    /** {@link #highestIndex} per layout seen (walking the indexes to find it takes up to milliseconds). */
    private final Map<HistogramSpec, Integer> highestIndexes = new HashMap<>();
    private boolean counted;
    private long totalCount;

    /**
     * Sets the bounds the next encodings are counted at, and forgets the last counts.
     *
     * @param upperBounds finite increasing upper bounds in the metric's unit (kept, not copied: do not change them).
     */
    public void bounds(final double[] upperBounds)
    {
        this.upperBounds = upperBounds;
        if (cumulative.length < upperBounds.length + 1)
        {
            cumulative = new long[upperBounds.length + 1];
            firstIndexAbove = new int[upperBounds.length + 1];
        }
        thresholdsSpec = null;
        counted = false;
    }

    /**
     * Counts {@code encoding} at the bounds.
     *
     * @param encoding an HdrHistogram V2 encoding (position 0 up to its limit).
     * @param spec     the metric's histogram layout.
     * @param layout   a merger of that layout (its index math only: it is not changed).
     * @return true when counted ({@link #cumulativeCount}, {@link #totalCount}); false, with {@link #counted()} false,
     *         when the encoding must be merged instead (another layout, malformed, indexes past the layout).
     */
    public boolean count(final ByteBuffer encoding, final HistogramSpec spec, final EncodedHistogramMerger layout)
    {
        counted = false;
        if (!cursor.wrap(encoding) || cursor.significantDigits() != spec.significantDigits() ||
            cursor.lowestDiscernibleValue() != spec.lowestDiscernibleValue())
        {
            return false;
        }
        if (thresholdsSpec != spec)
        {
            thresholds(spec, layout);
        }
        final int[] above = firstIndexAbove;
        final int lastIndex = highestIndex;
        final int finite = upperBounds.length;
        final long[] counts = cumulative;
        Arrays.fill(counts, 0, finite + 1, 0L);
        int bucket = 0;
        long inBucket = 0; // the current bucket's count, kept out of the array until the bucket changes
        long total = 0;
        while (cursor.next())
        {
            final int index = cursor.index();
            final long count = cursor.count();
            if (index > lastIndex)
            {
                return false; // an index past the layout: its lowest value does not fit a long
            }
            while (index >= above[bucket]) // above[finite] is past every index: bucket stops at finite
            {
                counts[bucket++] = inBucket;
                inBucket = 0;
            }
            inBucket = SaturatingMath.add(inBucket, count);
            total = SaturatingMath.add(total, count);
        }
        counts[bucket] = inBucket; // counts[finite]: values above the last bound, in no finite bucket
        if (cursor.malformed())
        {
            return false;
        }
        for (int i = 1; i < finite; i++)
        {
            counts[i] = SaturatingMath.add(counts[i - 1], counts[i]);
        }
        totalCount = total;
        counted = true;
        return true;
    }

    /**
     * Finds, for the spec's layout, the highest index whose lowest value fits a long (lowest values increase with the
     * index up to there) and, per bound, the first index whose lowest value is above it: an index is then in the first
     * bucket whose {@code firstIndexAbove} it is below, as comparing its lowest value with the bounds would put it.
     */
    private void thresholds(final HistogramSpec spec, final EncodedHistogramMerger layout)
    {
        final Integer known = highestIndexes.get(spec);
        int highest;
        if (known != null)
        {
            highest = known;
        }
        else
        {
            highest = 0;
            while (highest < Integer.MAX_VALUE - 1 && layout.lowestValueAt(highest + 1) > layout.lowestValueAt(highest))
            {
                highest++;
            }
            highestIndexes.put(spec, highest);
        }
        highestIndex = highest;
        for (int b = 0; b < upperBounds.length; b++)
        {
            int low = 0; // the first index above the bound is in [low, high]
            int high = highest + 1;
            while (low < high)
            {
                final int mid = (low + high) >>> 1;
                if (layout.lowestValueAt(mid) > upperBounds[b])
                {
                    high = mid;
                }
                else
                {
                    low = mid + 1;
                }
            }
            firstIndexAbove[b] = low;
        }
        firstIndexAbove[upperBounds.length] = Integer.MAX_VALUE; // above every index the walk accepts
        thresholdsSpec = spec;
    }

    /** Forgets the last counts ({@link #counted()} false) until the next {@link #count}. */
    public void clear()
    {
        counted = false;
    }

    /** @return true when the last {@link #count} counted its encoding (false after {@link #bounds} and {@link #clear}). */
    public boolean counted()
    {
        return counted;
    }

    /** @return the number of values in the last encoding counted (saturating). */
    public long totalCount()
    {
        return totalCount;
    }

    /** @return the values at or below bound {@code i} of the last encoding counted (saturating). */
    public long cumulativeCount(final int i)
    {
        return cumulative[i];
    }
}

package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.store.SaturatingMath;
import org.HdrHistogram.AbstractHistogram;

import static dev.bridge.analytics.pipeline.HistogramPagePool.PAGE_COUNTS;
import static dev.bridge.analytics.pipeline.HistogramPagePool.PAGE_MASK;
import static dev.bridge.analytics.pipeline.HistogramPagePool.PAGE_SHIFT;

/**
 * A histogram's counts in HdrHistogram's index layout ({@link HistogramShape}), held in pages of
 * {@value HistogramPagePool#PAGE_COUNTS} counts taken from a {@link HistogramPagePool} only where values fall, and
 * given back on {@link #reset()}: a series holds memory for the value ranges it saw in the bucket, not a full
 * counts array (17,408 counts, 136 KB at 1 us..60 s and 3 digits). Counts are 32-bit in the pages (they hold what a
 * series records between two commits); a count that reaches {@code spillAt} ({@link Integer#MAX_VALUE} in service)
 * moves to a 64-bit array allocated for that histogram only then, so nothing wraps. Added to stored encodings by
 * {@link EncodingMerge}, which writes HdrHistogram's V2 encoding of the sum. Written by hand because the consumer's
 * per-event path needs {@code Histogram.recordValue}'s cost (the same index math, one page-table load and one array
 * increment and compare, no allocation once the pool has pages);
 * HdrHistogram's {@code PackedHistogram} records about 10x slower and neither HdrHistogram nor Agrona has a paged
 * counts array. Not thread-safe: one thread (the pool's).
 */
final class PagedHistogram
{
    private final HistogramShape shape;
    private final HistogramPagePool pool;
    private final int[][] pages;
    // the shape's index constants, here to spare the per-event path the loads through the shape
    private final int countsLength;
    private final int leadingZeroCountBase;
    private final long subBucketMask;
    private final int unitMagnitude;
    private final int subBucketHalfCountMagnitude;
    private final int spillAt;
    private long[] spilled;
    private int pagesHeld;
    private long totalCount;

    PagedHistogram(final HistogramShape shape, final HistogramPagePool pool)
    {
        this(shape, pool, Integer.MAX_VALUE);
    }

    /** @param spillAt the page count at which an index's count moves to 64 bits (tests lower it). */
    PagedHistogram(final HistogramShape shape, final HistogramPagePool pool, final int spillAt)
    {
        this.shape = shape;
        this.pool = pool;
        this.spillAt = spillAt;
        countsLength = shape.countsLength();
        final long[] constants = shape.indexConstants();
        leadingZeroCountBase = (int)constants[0];
        subBucketMask = constants[1];
        unitMagnitude = (int)constants[2];
        subBucketHalfCountMagnitude = (int)constants[3];
        pages = new int[(countsLength + PAGE_MASK) >>> PAGE_SHIFT][];
    }

    /** @return a new empty histogram of the same shape and pool. */
    PagedHistogram emptyOfSameShape()
    {
        return new PagedHistogram(shape, pool, spillAt);
    }

    /** @return the shape (layout and scratch histogram) of these counts. */
    HistogramShape shape()
    {
        return shape;
    }

    /**
     * Counts {@code value} once. Allocation-free unless a page must be taken from an empty pool.
     *
     * @throws ArrayIndexOutOfBoundsException when {@code value} is negative or above the shape's highest (callers
     *                                        clamp to highest first), as {@code Histogram.recordValue}; nothing
     *                                        is counted.
     */
    void recordValue(final long value)
    {
        final int index = HistogramShape.index(
            value, leadingZeroCountBase, subBucketMask, unitMagnitude, subBucketHalfCountMagnitude);
        if (index >= countsLength) // a negative value too: its index is past every bucket
        {
            throw outsideRange(value);
        }
        final int[] page = pages[index >>> PAGE_SHIFT];
        if (page != null)
        {
            if (++page[index & PAGE_MASK] == spillAt)
            {
                spill(index, spillAt);
            }
        }
        else
        {
            takePage(index >>> PAGE_SHIFT)[index & PAGE_MASK] = 1;
        }
        totalCount++;
    }

    private static ArrayIndexOutOfBoundsException outsideRange(final long value)
    {
        return new ArrayIndexOutOfBoundsException("value " + value + " outside of histogram covered range");
    }

    /**
     * Moves {@code count - 1} of the page count at {@code index} (which holds {@code count}) to the 64-bit spill array,
     * leaving 1 in the page so that index walks still find it. Allocates the spill array the first time.
     */
    private void spill(final int index, final long count)
    {
        if (spilled == null)
        {
            spilled = new long[countsLength];
        }
        spilled[index] = SaturatingMath.add(spilled[index], count - 1);
        pages[index >>> PAGE_SHIFT][index & PAGE_MASK] = 1;
    }

    /** @return the number of values counted. */
    long getTotalCount()
    {
        return totalCount;
    }

    /** @return the pages held (each {@value HistogramPagePool#PAGE_COUNTS} counts). */
    int pagesHeld()
    {
        return pagesHeld;
    }

    /**
     * @return the lowest counts index at or above {@code fromIndex} holding a count, or -1 when none: walking the
     *         counts in index order visits only the pages held. Allocation-free.
     */
    int nextNonZeroIndex(final int fromIndex)
    {
        int i = fromIndex & PAGE_MASK;
        for (int p = fromIndex >>> PAGE_SHIFT; p < pages.length; p++, i = 0)
        {
            final int[] page = pages[p];
            if (page == null)
            {
                continue;
            }
            for (; i < PAGE_COUNTS; i++)
            {
                if (page[i] != 0)
                {
                    return (p << PAGE_SHIFT) + i;
                }
            }
        }
        return -1;
    }

    /** @return the count at counts index {@code index} (0 where no page is held). */
    long countAt(final int index)
    {
        final int[] page = pages[index >>> PAGE_SHIFT];
        if (page == null)
        {
            return 0L;
        }
        final long count = page[index & PAGE_MASK];
        return spilled == null ? count : SaturatingMath.add(count, spilled[index]);
    }

    /**
     * Adds the counts of {@code other} (same shape) page by page (saturating). Allocation-free while the pool has pages
     * (and no count passes {@code spillAt}).
     */
    void add(final PagedHistogram other)
    {
        final int[][] otherPages = other.pages;
        for (int p = 0; p < otherPages.length; p++)
        {
            final int[] from = otherPages[p];
            if (from == null)
            {
                continue;
            }
            int[] to = pages[p];
            if (to == null)
            {
                to = takePage(p);
            }
            for (int i = 0; i < PAGE_COUNTS; i++)
            {
                if (from[i] == 0)
                {
                    continue;
                }
                final int index = (p << PAGE_SHIFT) + i;
                final long sum = (long)to[i] + from[i];
                if (sum >= spillAt)
                {
                    spill(index, sum);
                }
                else
                {
                    to[i] = (int)sum;
                }
                if (other.spilled != null && other.spilled[index] != 0)
                {
                    spill(index, SaturatingMath.add(to[i], other.spilled[index]));
                }
            }
        }
        totalCount = SaturatingMath.add(totalCount, other.totalCount);
    }

    /** Adds these counts to {@code target} (a histogram of the same shape), one call per non-zero count. */
    void addTo(final AbstractHistogram target)
    {
        for (int p = 0; p < pages.length; p++)
        {
            final int[] page = pages[p];
            if (page == null)
            {
                continue;
            }
            final int base = p << PAGE_SHIFT;
            for (int i = 0; i < PAGE_COUNTS; i++)
            {
                if (page[i] != 0)
                {
                    target.recordValueWithCount(shape.valueAt(base + i), countAt(base + i));
                }
            }
        }
    }

    /** Empties the counts and gives every page back to the pool. Allocation-free. */
    void reset()
    {
        if (pagesHeld > 0)
        {
            for (int p = 0; p < pages.length; p++)
            {
                final int[] page = pages[p];
                if (page != null)
                {
                    pages[p] = null;
                    pool.give(page);
                }
            }
            pagesHeld = 0;
        }
        spilled = null;
        totalCount = 0;
    }

    private int[] takePage(final int pageIndex)
    {
        final int[] page = pool.take();
        pages[pageIndex] = page;
        pagesHeld++;
        return page;
    }
}

package dev.bridge.analytics.pipeline;

import org.HdrHistogram.AbstractHistogram;

import static dev.bridge.analytics.pipeline.HistogramPagePool.PAGE_LONGS;
import static dev.bridge.analytics.pipeline.HistogramPagePool.PAGE_MASK;
import static dev.bridge.analytics.pipeline.HistogramPagePool.PAGE_SHIFT;

/**
 * A histogram's counts in HdrHistogram's index layout ({@link HistogramShape}), held in pages of
 * {@value HistogramPagePool#PAGE_LONGS} counts taken from a {@link HistogramPagePool} only where values fall, and
 * given back on {@link #reset()}: a series holds memory for the value ranges it saw in the bucket, not a full
 * counts array (17,408 counts, 136 KB at 1 us..60 s and 3 digits). Added to stored encodings by
 * {@link EncodingMerge}, which writes HdrHistogram's V2 encoding of the sum. Written by hand because the consumer's per-event path needs {@code Histogram.recordValue}'s cost (the
 * same index math, one page-table load and one array increment, no allocation once the pool has pages);
 * HdrHistogram's {@code PackedHistogram} records about 10x slower and neither HdrHistogram nor Agrona has a paged
 * counts array. Not thread-safe: one thread (the pool's).
 */
final class PagedHistogram
{
    private final HistogramShape shape;
    private final HistogramPagePool pool;
    private final long[][] pages;
    // the shape's index constants, here to spare the per-event path the loads through the shape
    private final int countsLength;
    private final int leadingZeroCountBase;
    private final long subBucketMask;
    private final int unitMagnitude;
    private final int subBucketHalfCountMagnitude;
    private int pagesHeld;
    private long totalCount;

    PagedHistogram(final HistogramShape shape, final HistogramPagePool pool)
    {
        this.shape = shape;
        this.pool = pool;
        countsLength = shape.countsLength();
        final long[] constants = shape.indexConstants();
        leadingZeroCountBase = (int)constants[0];
        subBucketMask = constants[1];
        unitMagnitude = (int)constants[2];
        subBucketHalfCountMagnitude = (int)constants[3];
        pages = new long[(countsLength + PAGE_MASK) >>> PAGE_SHIFT][];
    }

    /** @return a new empty histogram of the same shape and pool. */
    PagedHistogram emptyOfSameShape()
    {
        return new PagedHistogram(shape, pool);
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
        final long[] page = pages[index >>> PAGE_SHIFT];
        if (page != null)
        {
            page[index & PAGE_MASK]++;
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

    /** @return the number of values counted. */
    long getTotalCount()
    {
        return totalCount;
    }

    /** @return the pages held (each {@value HistogramPagePool#PAGE_LONGS} counts). */
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
            final long[] page = pages[p];
            if (page == null)
            {
                continue;
            }
            for (; i < PAGE_LONGS; i++)
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
        final long[] page = pages[index >>> PAGE_SHIFT];
        return page == null ? 0L : page[index & PAGE_MASK];
    }

    /** Adds the counts of {@code other} (same shape) page by page. Allocation-free while the pool has pages. */
    void add(final PagedHistogram other)
    {
        final long[][] otherPages = other.pages;
        for (int p = 0; p < otherPages.length; p++)
        {
            final long[] from = otherPages[p];
            if (from == null)
            {
                continue;
            }
            long[] to = pages[p];
            if (to == null)
            {
                to = takePage(p);
            }
            for (int i = 0; i < PAGE_LONGS; i++)
            {
                to[i] += from[i];
            }
        }
        totalCount += other.totalCount;
    }

    /** Adds these counts to {@code target} (a histogram of the same shape), one call per non-zero count. */
    void addTo(final AbstractHistogram target)
    {
        for (int p = 0; p < pages.length; p++)
        {
            final long[] page = pages[p];
            if (page == null)
            {
                continue;
            }
            final int base = p << PAGE_SHIFT;
            for (int i = 0; i < PAGE_LONGS; i++)
            {
                final long count = page[i];
                if (count != 0)
                {
                    target.recordValueWithCount(shape.valueAt(base + i), count);
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
                final long[] page = pages[p];
                if (page != null)
                {
                    pages[p] = null;
                    pool.give(page);
                }
            }
            pagesHeld = 0;
        }
        totalCount = 0;
    }

    private long[] takePage(final int pageIndex)
    {
        final long[] page = pool.take();
        pages[pageIndex] = page;
        pagesHeld++;
        return page;
    }
}

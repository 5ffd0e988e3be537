package dev.bridge.analytics.pipeline;

import java.util.Arrays;

/**
 * The free count pages of the {@link PagedHistogram}s of one consumer thread: a page is taken when a histogram
 * first counts a value in its index range and given back (zeroed) when the histogram is reset, so a series idle in
 * its raw bucket holds no pages. An empty pool allocates a new page; at most {@code maxFreePages} free pages are
 * kept (more are left to the collector), so a burst of active series does not pin its peak for ever.
 * Allocation-free while the free pages suffice. Not thread-safe: one thread.
 */
final class HistogramPagePool
{
    /** Counts per page: 64 ints (256 bytes) of HdrHistogram's counts array. */
    static final int PAGE_SHIFT = 6;
    static final int PAGE_COUNTS = 1 << PAGE_SHIFT;
    static final int PAGE_MASK = PAGE_COUNTS - 1;

    private final int maxFreePages;
    private int[][] free = new int[64][];
    private int freeCount;
    private long pagesAllocated;

    HistogramPagePool(final int maxFreePages)
    {
        if (maxFreePages < 0)
        {
            throw new IllegalArgumentException("maxFreePages must be >= 0, was " + maxFreePages);
        }
        this.maxFreePages = maxFreePages;
    }

    /** @return a zeroed page, a free one if any. */
    int[] take()
    {
        if (freeCount == 0)
        {
            pagesAllocated++;
            return new int[PAGE_COUNTS];
        }
        final int[] page = free[--freeCount];
        free[freeCount] = null;
        return page;
    }

    /** Gives {@code page} back (zeroes it); kept for reuse unless {@code maxFreePages} are kept already. */
    void give(final int[] page)
    {
        if (freeCount == maxFreePages)
        {
            return;
        }
        Arrays.fill(page, 0);
        if (freeCount == free.length)
        {
            free = Arrays.copyOf(free, Math.min(2 * free.length, Math.max(maxFreePages, 1)));
        }
        free[freeCount++] = page;
    }

    /** @return the free pages held. */
    int freePages()
    {
        return freeCount;
    }

    /** @return the pages allocated since construction (taken while none was free). */
    long pagesAllocated()
    {
        return pagesAllocated;
    }
}

package dev.bridge.analytics.pipeline;

import org.agrona.concurrent.EpochClock;

import java.util.Arrays;

/**
 * The consumer side of {@link CounterCells}: adds each block's new values (current minus last folded, per thread and
 * series) into the live raw buckets, at a fold time read from the clock after every cell has been read, so that
 * no call is stamped before it happened (at most one tick after it). A fold of {@code n} calls adding {@code s} in
 * all is recorded as {@code n} values of {@code s / n} each: count and sum exact, min and max the fold's mean per call (rounded down and up), sum of squares
 * {@code s^2 / n} (exact when the calls of a fold added equal amounts, as increments do).
 * <p>
 * A thread's running sum wraps modulo 2^64 with a wrap count, so the delta of a fold is exact whatever the thread
 * added before; a fold of 2^63 or more is added as {@link Long#MAX_VALUE} (the bucket's sum saturates, counted as
 * usual). A fold that sees a wrapped sum before its wrap count (the owner is between the two stores) leaves that
 * series for the next fold.
 * <p>
 * Not thread-safe: the bucket consumer thread only. Allocation-free, except when a thread's block or the fold's
 * scratch grew.
 */
final class CounterFolder
{
    private static final int STRIDE = 3; // seriesId, calls, sum (-1 for a sum of 2^63 or more)

    private final CounterCells cells;
    private long foldTimeMs = Long.MIN_VALUE;
    /** The deltas read from the cells, applied once the fold time is read. */
    private long[] deltas = new long[STRIDE * 64];
    private int deltaCount;

    CounterFolder(final CounterCells cells)
    {
        this.cells = cells;
    }

    /**
     * Reads every block's new values, then the clock, and folds them into {@code levels} at that time (never earlier
     * than a previous fold; see {@link #foldTimeMs()}); with {@code reclaim}, blocks whose thread has terminated are
     * folded one last time and removed.
     *
     * @return the calls folded (for {@code engine_events_aggregated}).
     */
    long fold(final EpochClock clock, final BucketLevels levels, final boolean reclaim)
    {
        deltaCount = 0;
        long calls = 0;
        for (final CounterBlock block : cells.blocks())
        {
            final boolean dead = reclaim && block.ownerDead(); // before the fold: its last writes are then visible
            calls += collect(block);
            if (dead)
            {
                cells.retire(block, foldedCalls(block));
            }
        }
        if (deltaCount == 0)
        {
            return calls; // nothing new: no clock read
        }
        final long nowMs = clock.time(); // after the reads: every call folded happened before it
        if (nowMs > foldTimeMs)
        {
            foldTimeMs = nowMs;
        }
        for (int i = 0; i < deltaCount; i += STRIDE)
        {
            levels.onFold((int)deltas[i], deltas[i + 1], deltas[i + 2], foldTimeMs);
        }
        return calls;
    }

    /** @return the time of the latest fold (Long.MIN_VALUE before the first). */
    long foldTimeMs()
    {
        return foldTimeMs;
    }

    private long collect(final CounterBlock block)
    {
        final int n = block.touchedCount();
        final int[] touched = block.touched();
        final long[] c = block.cells();
        long[] folded = block.folded;
        if (folded.length < c.length)
        {
            folded = Arrays.copyOf(folded, c.length);
            block.folded = folded;
        }
        long calls = 0;
        for (int i = 0; i < n; i++)
        {
            final int seriesId = touched[i];
            final int at = CounterBlock.offset(seriesId);
            final long callsNow = CounterBlock.read(c, at + CounterBlock.CALLS);
            final long wrapsNow = CounterBlock.read(c, at + CounterBlock.WRAPS);
            final long sumNow = CounterBlock.read(c, at + CounterBlock.SUM);
            final long dCalls = callsNow - folded[at + CounterBlock.CALLS];
            final long sumBefore = folded[at + CounterBlock.SUM];
            if (dCalls == 0 && sumNow == sumBefore)
            {
                continue;
            }
            // the delta as a 128-bit number: high = wraps - borrow, low = sum difference
            final long low = sumNow - sumBefore;
            final long high = wrapsNow - folded[at + CounterBlock.WRAPS] - (Long.compareUnsigned(sumNow, sumBefore) < 0 ? 1 : 0);
            if (high < 0)
            {
                continue; // wrapped sum seen before its wrap count: next fold
            }
            folded[at + CounterBlock.CALLS] = callsNow;
            folded[at + CounterBlock.SUM] = sumNow;
            folded[at + CounterBlock.WRAPS] = wrapsNow;
            calls += dCalls;
            if (deltaCount + STRIDE > deltas.length)
            {
                deltas = Arrays.copyOf(deltas, deltas.length * 2);
            }
            deltas[deltaCount] = seriesId;
            deltas[deltaCount + 1] = dCalls;
            deltas[deltaCount + 2] = high == 0 ? low : -1L;
            deltaCount += STRIDE;
        }
        return calls;
    }

    private static long foldedCalls(final CounterBlock block)
    {
        final long[] folded = block.folded;
        final int n = block.touchedCount();
        final int[] touched = block.touched();
        long calls = 0;
        for (int i = 0; i < n; i++)
        {
            final int at = CounterBlock.offset(touched[i]);
            if (at < folded.length)
            {
                calls += folded[at + CounterBlock.CALLS];
            }
        }
        return calls;
    }
}

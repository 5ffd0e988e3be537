package dev.bridge.analytics.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The counter cells of one recording thread: per series id, the number of calls, the running sum of the amounts
 * (wrapping modulo 2^64) and how many times that sum wrapped, plus the list of series ids this thread has touched.
 * <pre>
 *   cells: | 16 longs padding | series 0: calls, sum, wraps, - | series 1: ... | ... | 16 longs padding |
 * </pre>
 * Single writer: the owner thread reads its own values plainly and stores with release semantics (no CAS, no
 * read-modify-write on a line another thread writes); the padding keeps blocks of different threads off each other's
 * cache lines. The consumer reads the cells with acquire semantics and keeps, in {@link #folded} (its own array),
 * the values it has already added to the live buckets.
 * <p>
 * Write order per call: the sum, the wrap count (only on the rare wrap path), then the number of calls; a reader
 * reads them in the reverse order, so one that sees a call's count also sees its sum, and one that sees a wrap
 * count also sees the wrapped sum (a wrapped sum seen before its wrap count shows as a negative delta: retried).
 * <p>
 * Allocation: the arrays are sized to the highest series id the thread touched (a power of two, at most the series
 * capacity) and grow, on the owner thread, only when it touches a higher one; steady state allocates nothing.
 */
final class CounterBlock
{
    static final int STRIDE = 4;
    static final int CALLS = 0;
    static final int SUM = 1;
    static final int WRAPS = 2;
    private static final int PAD = 16;
    private static final int MIN_SERIES = 8;
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

    /**
     * The owner thread until the block is retired (then null, so a retired block keeps no thread alive). Plain: the
     * owner reads its own write; another thread that reads it racily sees null, a dead thread or itself-not, never a
     * false match, because a thread only ever compares it with itself ({@link #ownedByCurrentThread()}).
     */
    private Thread owner;
    /** Set by the consumer when it removed this block from the registry (owner dead, last values folded). */
    private volatile boolean retired;
    private final int seriesCapacity;
    /** Written by the owner (growth), read by the consumer. */
    private volatile long[] cells;
    private volatile int[] touched;
    private volatile int touchedCount;
    /** Consumer only: the cell values already folded, same layout as {@link #cells}. */
    long[] folded;

    CounterBlock(final Thread owner, final int seriesCapacity, final int seriesId)
    {
        this.owner = owner;
        this.seriesCapacity = seriesCapacity;
        cells = new long[length(seriesCount(seriesId))];
        touched = new int[MIN_SERIES];
        folded = new long[0];
    }

    /** Adds {@code amount} (>= 0) to {@code seriesId}. Owner thread only; allocation-free once the series is covered. */
    void add(final int seriesId, final long amount)
    {
        long[] c = cells;
        final int at = offset(seriesId);
        if (at >= c.length - PAD)
        {
            c = grow(seriesId);
        }
        final long calls = c[at + CALLS];
        if (calls == 0)
        {
            touch(seriesId);
        }
        final long sum = c[at + SUM];
        final long newSum = sum + amount;
        CELLS.setRelease(c, at + SUM, newSum);
        if (Long.compareUnsigned(newSum, sum) < 0)
        {
            CELLS.setRelease(c, at + WRAPS, c[at + WRAPS] + 1);
        }
        CELLS.setRelease(c, at + CALLS, calls + 1);
    }

    private void touch(final int seriesId)
    {
        final int n = touchedCount;
        int[] t = touched;
        if (n == t.length)
        {
            t = Arrays.copyOf(t, n * 2);
            touched = t;
        }
        t[n] = seriesId;
        touchedCount = n + 1;
    }

    private long[] grow(final int seriesId)
    {
        final long[] old = cells;
        final long[] grown = new long[length(seriesCount(seriesId))];
        System.arraycopy(old, PAD, grown, PAD, old.length - 2 * PAD);
        cells = grown;
        return grown;
    }

    private int seriesCount(final int seriesId)
    {
        final int wanted = Math.max(MIN_SERIES, Integer.highestOneBit(seriesId) << 1);
        return Math.min(wanted, Math.max(seriesCapacity, seriesId + 1));
    }

    private static int length(final int series)
    {
        return 2 * PAD + series * STRIDE;
    }

    /** @return where {@code seriesId}'s cells start in {@link #cells()} and {@link #folded}. */
    static int offset(final int seriesId)
    {
        return PAD + seriesId * STRIDE;
    }

    /** @return the cells (volatile read); read them with {@link #read}. */
    long[] cells()
    {
        return cells;
    }

    /** @return a cell with acquire semantics. */
    static long read(final long[] cells, final int index)
    {
        return (long)CELLS.getAcquire(cells, index);
    }

    /** @return series ids touched so far (volatile read, then the array: at least that many entries are set). */
    int touchedCount()
    {
        return touchedCount;
    }

    /** @return the touched series ids; read after {@link #touchedCount()}. */
    int[] touched()
    {
        return touched;
    }

    /** @return true when the owner thread has terminated (its last writes are then visible to the caller). */
    boolean ownerDead()
    {
        final Thread thread = owner;
        return thread == null || !thread.isAlive();
    }

    /** @return true when the calling thread owns this block: a field load and a compare, no thread-local lookup. */
    boolean ownedByCurrentThread()
    {
        return owner == Thread.currentThread();
    }

    /** Consumer only, once the owner is dead and its last values are folded: drops the thread and marks the block. */
    void retire()
    {
        owner = null;
        retired = true;
    }

    /** @return true once {@link #retire()} ran (volatile read). */
    boolean retired()
    {
        return retired;
    }

    /** @return calls recorded into this block so far, all series (acquire reads; any thread). */
    long calls()
    {
        final int n = touchedCount;
        final int[] t = touched;
        final long[] c = cells;
        long calls = 0;
        for (int i = 0; i < n; i++)
        {
            calls += read(c, offset(t[i]) + CALLS);
        }
        return calls;
    }

    /** @return the memory of the cells in bytes (for documentation and tests). */
    long cellBytes()
    {
        return (long)cells.length * Long.BYTES;
    }
}

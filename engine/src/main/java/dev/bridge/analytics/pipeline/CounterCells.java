package dev.bridge.analytics.pipeline;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decentralized counters: the recording path of {@code CounterHandle.increment/add}. Each recording thread owns a
 * {@link CounterBlock} (claimed on its first call, found again through the handle's {@link CounterRecorder} cache or a {@link ThreadLocal}), writes only its own
 * cells (no CAS, no shared cache line), and the bucket consumer folds every block's new values into the live buckets
 * at each tick, commit, flush and close ({@link CounterFolder}). Nothing goes through the ring, so nothing is
 * dropped and no producer ever waits.
 * <p>
 * Blocks of threads that have terminated are folded one last time and removed at the next commit (their calls are
 * kept in {@link #offeredCount()}), so thread churn does not grow the registry.
 * <p>
 * Thread-safety: {@link CounterRecorder#add} and {@link #reject()} from any thread, lock-free and allocation-free after the
 * calling thread's first call per series range; registering and removing blocks (rare) take this object's lock;
 * {@link #offeredCount()} from any thread.
 */
public final class CounterCells
{
    private static final CounterBlock[] NONE = new CounterBlock[0];

    private final int seriesCapacity;
    private final ThreadLocal<CounterBlock> local = new ThreadLocal<>();
    private final AtomicLong rejected = new AtomicLong();
    /** Copy-on-write: replaced under the lock, read without it. */
    private volatile CounterBlock[] blocks = NONE;
    /** Calls of removed blocks; written under the lock, inside an odd {@link #version}. */
    private volatile long retiredCalls;
    /** Even when stable; odd while a removal moves a block's calls into {@link #retiredCalls}. */
    private volatile long version;

    public CounterCells(final int seriesCapacity)
    {
        this.seriesCapacity = seriesCapacity;
    }

    /** @return the recording path of one counter handle for {@code seriesId} (see {@link CounterRecorder}). */
    public CounterRecorder recorder(final int seriesId)
    {
        return new CounterRecorder(this, seriesId);
    }

    /** @return the calling thread's block, registered on its first call (a thread-local lookup). */
    CounterBlock block(final int seriesId)
    {
        final CounterBlock block = local.get();
        return block != null ? block : register(seriesId);
    }

    /** Counts a rejected call (a negative amount): {@code engine_events_rejected}. An atomic add, only on this path. */
    public void reject()
    {
        rejected.incrementAndGet();
    }

    /** @return calls rejected by {@link #reject()} so far. */
    public long rejected()
    {
        return rejected.get();
    }

    private synchronized CounterBlock register(final int seriesId)
    {
        final CounterBlock block = new CounterBlock(Thread.currentThread(), seriesCapacity, seriesId);
        final CounterBlock[] grown = Arrays.copyOf(blocks, blocks.length + 1);
        grown[grown.length - 1] = block;
        blocks = grown;
        local.set(block);
        return block;
    }

    /** @return the registered blocks (volatile read; the array is never changed in place). */
    CounterBlock[] blocks()
    {
        return blocks;
    }

    /**
     * Removes a block whose owner has terminated and that the consumer has folded for the last time.
     *
     * @param calls the block's calls in all (what {@link #offeredCount()} goes on counting).
     */
    synchronized void retire(final CounterBlock block, final long calls)
    {
        final CounterBlock[] current = blocks;
        final CounterBlock[] kept = new CounterBlock[current.length - 1];
        int n = 0;
        for (final CounterBlock b : current)
        {
            if (b != block)
            {
                kept[n++] = b;
            }
        }
        version = version + 1;
        retiredCalls = retiredCalls + calls;
        blocks = kept;
        version = version + 1;
        block.retire();
    }

    /**
     * @return calls offered so far: every call of every thread's cells (live and retired) plus rejected calls. Exact
     *         once the producers have stopped (a call in progress may be counted or not). Allocation-free, any thread.
     */
    public long offeredCount()
    {
        while (true)
        {
            final long before = version;
            if ((before & 1) == 0)
            {
                long calls = retiredCalls;
                for (final CounterBlock block : blocks)
                {
                    calls += block.calls();
                }
                if (version == before)
                {
                    return calls + rejected.get();
                }
            }
            Thread.onSpinWait();
        }
    }

    /** @return the number of live blocks (threads that recorded a counter and have not been reclaimed yet). */
    public int blockCount()
    {
        return blocks.length;
    }
}

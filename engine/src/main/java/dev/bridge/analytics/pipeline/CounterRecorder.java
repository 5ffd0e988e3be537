package dev.bridge.analytics.pipeline;

/**
 * The recording path of one counter handle: adds to the calling thread's {@link CounterBlock}. The block of the
 * first thread that records through the handle is cached in the handle, so that thread finds its block with one
 * field load and one compare; every other thread finds its own through {@link CounterCells}' thread-local, and the
 * cache is replaced only when its block was retired (its thread died), so threads sharing a handle never write a
 * shared line.
 * <p>
 * Thread-safe for any number of threads; lock-free and allocation-free after the calling thread's first call.
 * The cache is a plain field written racily: any value a thread reads is a fully built block (created by that
 * block's owner before it was cached) or null, and a thread uses a cached block only if it owns it.
 */
public final class CounterRecorder
{
    private final CounterCells cells;
    private final int seriesId;
    private CounterBlock cached;

    CounterRecorder(final CounterCells cells, final int seriesId)
    {
        this.cells = cells;
        this.seriesId = seriesId;
    }

    /** Adds {@code amount} (must be >= 0: the caller rejects negative ones). */
    public void add(final long amount)
    {
        final CounterBlock block = cached;
        if (block != null && block.ownedByCurrentThread())
        {
            block.add(seriesId, amount);
        }
        else
        {
            addThroughThreadLocal(amount);
        }
    }

    private void addThroughThreadLocal(final long amount)
    {
        final CounterBlock block = cells.block(seriesId);
        block.add(seriesId, amount);
        final CounterBlock current = cached;
        if (current == null || current.retired())
        {
            cached = block;
        }
    }

    /** Counts a rejected call (a negative amount) in {@code engine_events_rejected}. */
    public void reject()
    {
        cells.reject();
    }
}

package dev.bridge.analytics;

import dev.bridge.analytics.pipeline.CounterRecorder;
import dev.bridge.analytics.pipeline.SeriesPublisher;

/**
 * A resolved counter series: the recording path. {@link #increment()} and {@link #add(long)} add to a cell that
 * only the calling thread writes (the handle caches the block of the first thread that records through it; other threads find theirs through a thread-local: no ring slot, no CAS, no shared cache line, no
 * allocation after the thread's first call, no lock, no clock read, nothing thrown); the consumer folds the cells
 * into the live bucket of its fold time, at most one tick ({@code tick_interval}) after the call, and at every
 * commit, {@code flush()} and {@code close()}. A negative {@code add} is rejected and counted in
 * {@code engine_events_rejected}. {@link #addAt} carries its own time and goes through the calling thread's ring.
 * <p>
 * Thread-safe for any number of threads (only {@link #addAt} publishes, into the calling thread's ring as histogram
 * and gauge handles do). Calls after the engine closed are discarded.
 */
public final class CounterHandle
{
    private final CounterRecorder cells;
    private final SeriesPublisher publisher;
    private final int seriesId;

    CounterHandle(final CounterRecorder cells, final SeriesPublisher publisher, final int seriesId)
    {
        this.cells = cells;
        this.publisher = publisher;
        this.seriesId = seriesId;
    }

    /** Adds 1. */
    public void increment()
    {
        cells.add(1L);
    }

    /** Adds {@code amount} (must be >= 0, else rejected and counted). */
    public void add(final long amount)
    {
        if (amount < 0)
        {
            cells.reject();
            return;
        }
        cells.add(amount);
    }

    /** Adds {@code amount} at an explicit time (backfill, adapters with their own timestamps): through the ring. */
    public void addAt(final long amount, final long epochMs)
    {
        publisher.publish(amount, epochMs, 0, 0L);
    }

    /** @return the series id this handle records to. */
    public int seriesId()
    {
        return seriesId;
    }
}

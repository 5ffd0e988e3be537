package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Claims a slot in the calling thread's ring ({@link ProducerRings}: its own single-producer ring, or the shared one
 * beyond the bound; found by each handle's {@link SeriesPublisher}), fills it and publishes it: the whole recording path. No allocation after the thread's first
 * event (which may allocate its ring), no lock, no clock read (the consumer stamps the time), nothing thrown.
 * Thread-safe for any number of threads.
 * <p>
 * With {@code dropWhenFull} a full ring (the thread's own) drops the event and increments {@code droppedCounter}
 * (an atomic add, only on that path); otherwise the producer waits for a free slot in its ring.
 */
public final class EventPublisher
{
    private final ProducerRings rings;
    private final boolean dropWhenFull;
    private final AtomicCounter droppedCounter;

    public EventPublisher(final ProducerRings rings, final boolean dropWhenFull, final AtomicCounter droppedCounter)
    {
        this.rings = rings;
        this.dropWhenFull = dropWhenFull;
        this.droppedCounter = droppedCounter;
    }

    /** @return the recording path of one handle of {@code seriesId}: caches its first thread's ring (see {@link SeriesPublisher}). */
    public SeriesPublisher forSeries(final int seriesId)
    {
        return new SeriesPublisher(this, rings, seriesId);
    }

    /** Publishes one event into {@code ring}, which must be the calling thread's (or the shared) ring. */
    void publishInto(
        final RingBuffer<MetricEvent> ring, final int seriesId, final long value, final long timestampMs, final int flags,
        final long order)
    {
        final long sequence;
        if (dropWhenFull)
        {
            try
            {
                sequence = ring.tryNext();
            }
            catch (final InsufficientCapacityException ex)
            {
                droppedCounter.increment();
                return;
            }
        }
        else
        {
            sequence = ring.next();
        }
        final MetricEvent event = ring.get(sequence);
        event.seriesId = seriesId;
        event.flags = flags;
        event.value = value;
        event.timestampMs = timestampMs;
        event.order = order;
        ring.publish(sequence);
    }

    /** @return free slots of the shared ring (for {@code engine_ring_remaining}). */
    public long sharedRingRemaining()
    {
        return rings.sharedRemainingCapacity();
    }

    /**
     * @return events offered so far: published ring slots (every ring) plus dropped events. Exact once the producers
     *         have stopped (the shared multi-producer cursor counts slots claimed but not yet published).
     */
    public long offeredCount()
    {
        return rings.publishedCount() + droppedCounter.get();
    }
}

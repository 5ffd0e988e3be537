package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.bridge.analytics.store.SaturatingMath;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Claims a slot in the calling thread's ring ({@link ProducerRings}: its own single-producer ring, or the shared one
 * beyond the bound), fills it and publishes it: the whole recording path. No allocation after the thread's first
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

    /**
     * Publishes one event without an order stamp (histograms, counters).
     *
     * @param seriesId    resolved series.
     * @param value       value in the metric's unit.
     * @param timestampMs epoch ms, or 0 to let the consumer stamp its batch time.
     * @param flags       {@link MetricEvent} flags set by the producer (0 or {@link MetricEvent#FLAG_NOT_A_NUMBER}).
     */
    public void publish(final int seriesId, final long value, final long timestampMs, final int flags)
    {
        publish(seriesId, value, timestampMs, flags, 0L);
    }

    /**
     * Publishes one event.
     *
     * @param order the gauge order stamp ({@link GaugeOrders}), 0 for none.
     */
    public void publish(final int seriesId, final long value, final long timestampMs, final int flags, final long order)
    {
        final RingBuffer<MetricEvent> ring = rings.ringOfCurrentThread();
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

    /**
     * Publishes a double value rounded to the nearest long; NaN, infinities and values outside the range of a long
     * are published flagged, so the classify stage rejects and counts them.
     *
     * @param order the gauge order stamp ({@link GaugeOrders}), 0 for none.
     */
    public void publishRounded(final int seriesId, final double value, final long order)
    {
        publish(seriesId, Math.round(value), 0L, SaturatingMath.fitsLong(value) ? 0 : MetricEvent.FLAG_NOT_A_NUMBER, order);
    }

    /** Publishes a double value rounded to the nearest long, without an order stamp. */
    public void publishRounded(final int seriesId, final double value)
    {
        publishRounded(seriesId, value, 0L);
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

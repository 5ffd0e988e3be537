package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.bridge.analytics.store.SaturatingMath;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Claims a ring slot, fills it and publishes it: the whole recording path. No allocation, no lock, no clock read
 * (the consumer stamps the time), nothing thrown. Thread-safe for as many threads as the ring's producer type allows
 * (any number for a multi-producer ring, one for a single-producer ring).
 * <p>
 * With {@code dropWhenFull} a full ring drops the event and increments {@code droppedCounter} (an atomic add, only
 * on that path); otherwise the producer waits for a free slot.
 */
public final class EventPublisher
{
    private final RingBuffer<MetricEvent> ring;
    private final boolean dropWhenFull;
    private final AtomicCounter droppedCounter;

    public EventPublisher(final RingBuffer<MetricEvent> ring, final boolean dropWhenFull, final AtomicCounter droppedCounter)
    {
        this.ring = ring;
        this.dropWhenFull = dropWhenFull;
        this.droppedCounter = droppedCounter;
    }

    /**
     * Publishes one event.
     *
     * @param seriesId    resolved series.
     * @param value       value in the metric's unit.
     * @param timestampMs epoch ms, or 0 to let the consumer stamp its batch time.
     * @param flags       {@link MetricEvent} flags set by the producer (0 or {@link MetricEvent#FLAG_NOT_A_NUMBER}).
     */
    public void publish(final int seriesId, final long value, final long timestampMs, final int flags)
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
        ring.publish(sequence);
    }

    /**
     * Publishes a double value rounded to the nearest long; NaN, infinities and values outside the range of a long
     * are published flagged, so the classify stage rejects and counts them.
     */
    public void publishRounded(final int seriesId, final double value)
    {
        publish(seriesId, Math.round(value), 0L, SaturatingMath.fitsLong(value) ? 0 : MetricEvent.FLAG_NOT_A_NUMBER);
    }

    /**
     * @return events offered so far: claimed ring slots plus dropped events. Exact once the producers have
     *         stopped (a multi-producer cursor counts slots claimed but not yet published).
     */
    public long offeredCount()
    {
        return ring.getCursor() + 1 + droppedCounter.get();
    }

    /** @return the ring (for flush targets and self-metrics). */
    public RingBuffer<MetricEvent> ring()
    {
        return ring;
    }
}

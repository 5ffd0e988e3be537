package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.RingBuffer;
import dev.bridge.analytics.store.SaturatingMath;

/**
 * The recording path of one histogram, gauge or counter ({@code addAt}) handle: publishes into the calling thread's
 * ring through {@link EventPublisher}. The ring of the first thread that publishes through the handle is cached in
 * the handle, so that thread finds it with a field load and a compare instead of a thread-local lookup (which cost
 * about a third of a producer's time in the load run); every other thread finds its own through
 * {@link ProducerRings}' thread-local. The cache is replaced only once its ring was freed (its thread died), and
 * never holds the shared ring, so threads sharing a handle never write a shared line.
 * <p>
 * Thread-safe for any number of threads; lock-free and allocation-free after the calling thread's first event.
 * The cache is a plain field written racily: a thread reads either null or a fully built ring (its ring buffer and
 * pollers are final fields), and uses it only if it owns it ({@link ProducerRing#owner()} is volatile and changes
 * only under the registry's lock, with the happens-before handoff described in {@link ProducerRings}).
 */
public final class SeriesPublisher
{
    private final EventPublisher publisher;
    private final ProducerRings rings;
    private final int seriesId;
    private ProducerRing cached;

    SeriesPublisher(final EventPublisher publisher, final ProducerRings rings, final int seriesId)
    {
        this.publisher = publisher;
        this.rings = rings;
        this.seriesId = seriesId;
    }

    /**
     * Publishes one event of this handle's series.
     *
     * @param timestampMs epoch ms, or 0 to let the consumer stamp its batch time.
     * @param flags       {@link MetricEvent} flags (0 or {@link MetricEvent#FLAG_NOT_A_NUMBER}).
     * @param order       the gauge order stamp ({@link GaugeOrders}), 0 for none.
     */
    public void publish(final long value, final long timestampMs, final int flags, final long order)
    {
        publisher.publishInto(ringOfCurrentThread(), seriesId, value, timestampMs, flags, order);
    }

    /**
     * Publishes a double value rounded to the nearest long; NaN, infinities and values outside the range of a long are
     * published flagged, so the classify stage rejects and counts them.
     */
    public void publishRounded(final double value, final long order)
    {
        publish(Math.round(value), 0L, SaturatingMath.fitsLong(value) ? 0 : MetricEvent.FLAG_NOT_A_NUMBER, order);
    }

    private RingBuffer<MetricEvent> ringOfCurrentThread()
    {
        final ProducerRing ring = cached;
        if (ring != null && ring.owner() == Thread.currentThread())
        {
            return ring.ring();
        }
        return ringThroughThreadLocal();
    }

    private RingBuffer<MetricEvent> ringThroughThreadLocal()
    {
        final ProducerRing mine = rings.producerRingOfCurrentThread();
        if (mine.owner() == Thread.currentThread())
        {
            final ProducerRing current = cached;
            if (current == null || current.owner() == null)
            {
                cached = mine;
            }
        }
        return mine.ring();
    }
}

package dev.bridge.analytics;

import com.lmax.disruptor.Sequence;
import dev.bridge.analytics.pipeline.SeriesPublisher;

/**
 * A resolved gauge series: the last value set wins, by set order across threads (each set takes the next order
 * stamp of the series, an atomic increment on a padded cell shared by the series' handles, contended only when
 * several threads set the same gauge; the consumer keeps the value of the highest stamp, whatever order it drains
 * the threads' rings in); min, max and mean of the set values are kept too. Allocation-free after the calling
 * thread's first event, lock-free. Thread-safe for any number of threads.
 * <p>
 * <b>Blocking:</b> with {@code engine.overflow_policy: block} (the default) a call waits while the thread's ring is
 * full, until the consumer frees a slot (nothing is lost); with {@code drop} it never waits and a full ring's event is
 * counted in {@code engine_events_dropped}.
 */
public final class GaugeHandle
{
    private final SeriesPublisher publisher;
    private final Sequence order;
    private final int seriesId;

    GaugeHandle(final SeriesPublisher publisher, final Sequence order, final int seriesId)
    {
        this.publisher = publisher;
        this.order = order;
        this.seriesId = seriesId;
    }

    /** Sets the gauge. */
    public void set(final long value)
    {
        publisher.publish(value, 0L, 0, order.incrementAndGet());
    }

    /** Sets the gauge to the nearest integer; NaN, infinities and values outside the range of a long are rejected and counted. */
    public void set(final double value)
    {
        publisher.publishRounded(value, order.incrementAndGet());
    }

    /** Sets the gauge at an explicit time. */
    public void setAt(final long value, final long epochMs)
    {
        publisher.publish(value, epochMs, 0, order.incrementAndGet());
    }

    /** @return the series id this handle publishes to. */
    public int seriesId()
    {
        return seriesId;
    }
}

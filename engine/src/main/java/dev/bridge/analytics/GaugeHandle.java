package dev.bridge.analytics;

import dev.bridge.analytics.pipeline.EventPublisher;

/**
 * A resolved gauge series: the last value by publish order wins within a bucket; min, max and mean of the set
 * values are kept too. Allocation-free, lock-free. Thread-safe for the engine's producer type.
 */
public final class GaugeHandle
{
    private final EventPublisher publisher;
    private final int seriesId;

    GaugeHandle(final EventPublisher publisher, final int seriesId)
    {
        this.publisher = publisher;
        this.seriesId = seriesId;
    }

    /** Sets the gauge. */
    public void set(final long value)
    {
        publisher.publish(seriesId, value, 0L, 0);
    }

    /** Sets the gauge to the nearest integer; NaN, infinities and values outside the range of a long are rejected and counted. */
    public void set(final double value)
    {
        publisher.publishRounded(seriesId, value);
    }

    /** Sets the gauge at an explicit time. */
    public void setAt(final long value, final long epochMs)
    {
        publisher.publish(seriesId, value, epochMs, 0);
    }

    /** @return the series id this handle publishes to. */
    public int seriesId()
    {
        return seriesId;
    }
}

package dev.bridge.analytics;

import dev.bridge.analytics.pipeline.EventPublisher;

/**
 * A resolved counter series: the recording path. {@link #increment()} and {@link #add(long)} claim a ring slot,
 * write it and publish it: no allocation, no lock, no clock read, nothing thrown (a negative {@code add} is
 * published and counted as rejected by the pipeline). Thread-safe for the engine's producer type.
 */
public final class CounterHandle
{
    private final EventPublisher publisher;
    private final int seriesId;

    CounterHandle(final EventPublisher publisher, final int seriesId)
    {
        this.publisher = publisher;
        this.seriesId = seriesId;
    }

    /** Adds 1. */
    public void increment()
    {
        publisher.publish(seriesId, 1L, 0L, 0);
    }

    /** Adds {@code amount} (must be >= 0, else rejected and counted). */
    public void add(final long amount)
    {
        publisher.publish(seriesId, amount, 0L, 0);
    }

    /** Adds {@code amount} at an explicit time (backfill, adapters with their own timestamps). */
    public void addAt(final long amount, final long epochMs)
    {
        publisher.publish(seriesId, amount, epochMs, 0);
    }

    /** @return the series id this handle publishes to. */
    public int seriesId()
    {
        return seriesId;
    }
}

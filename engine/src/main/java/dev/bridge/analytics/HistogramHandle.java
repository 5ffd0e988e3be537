package dev.bridge.analytics;

import dev.bridge.analytics.pipeline.SeriesPublisher;

/**
 * A resolved histogram series. {@link #record(long)} is the allocation-free, lock-free recording path; negative
 * values (unless the metric allows them) are published and counted as rejected, never thrown. A value above the
 * metric's {@code highest} is kept: count, sum (saturating), max and exact samples hold it exactly, the
 * HdrHistogram records it as {@code highest}, and a percentile that falls there is reported as {@code highest}
 * flagged "above highest" ({@link dev.bridge.analytics.query.PercentileResult#aboveHighest()}).
 * Thread-safe for any number of threads: each publishes into its own single-producer ring (claimed on its first
 * record; beyond {@code engine.max_producer_threads}, the shared ring); the handle caches the ring of the first
 * thread that records through it.
 * <p>
 * <b>Blocking:</b> with {@code engine.overflow_policy: block} (the default) a call waits while the thread's ring is
 * full, until the consumer frees a slot (nothing is lost); with {@code drop} it never waits and a full ring's event is
 * counted in {@code engine_events_dropped}.
 */
public final class HistogramHandle
{
    private final SeriesPublisher publisher;
    private final int seriesId;

    HistogramHandle(final SeriesPublisher publisher, final int seriesId)
    {
        this.publisher = publisher;
        this.seriesId = seriesId;
    }

    /** Records one value in the metric's unit. */
    public void record(final long value)
    {
        publisher.publish(value, 0L, 0, 0L);
    }

    /** Records one value, rounded to the nearest integer; NaN and infinities are rejected and counted. */
    public void record(final double value)
    {
        publisher.publishRounded(value, 0L);
    }

    /** Records one value at an explicit time (backfill, adapters with their own timestamps). */
    public void recordAt(final long value, final long epochMs)
    {
        publisher.publish(value, epochMs, 0, 0L);
    }

    /** @return the series id this handle publishes to. */
    public int seriesId()
    {
        return seriesId;
    }
}

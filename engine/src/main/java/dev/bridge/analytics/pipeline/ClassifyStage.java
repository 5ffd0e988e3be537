package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.series.SeriesTable;

/**
 * The classify stage: validates each event against its series (registered id, not NaN, within the metric's
 * value range) and stamps events that carry no timestamp with the batch time. Valid events get
 * {@link MetricEvent#FLAG_ACCEPTED}; the others are counted as rejected and skipped by later stages.
 * Never throws, never allocates. Not thread-safe: one consumer thread.
 */
final class ClassifyStage
{
    private final SeriesTable series;
    private long batchTimeMs;
    private long rejected;
    private long accepted;

    ClassifyStage(final SeriesTable series)
    {
        this.series = series;
    }

    /** Sets the time stamped on events of this batch that carry none. */
    void onBatchStart(final long nowMs)
    {
        batchTimeMs = nowMs;
    }

    /** @return true when the event is valid (and flagged accepted). */
    boolean accept(final MetricEvent event)
    {
        final int seriesId = event.seriesId;
        final long value = event.value;
        if (series.kind(seriesId) == SeriesTable.UNUSED ||
            (event.flags & MetricEvent.FLAG_NOT_A_NUMBER) != 0 ||
            value < series.minValue(seriesId) ||
            value > series.maxValue(seriesId))
        {
            event.flags &= ~MetricEvent.FLAG_ACCEPTED;
            rejected++;
            return false;
        }
        if (event.timestampMs == 0)
        {
            event.timestampMs = batchTimeMs;
        }
        event.flags |= MetricEvent.FLAG_ACCEPTED;
        accepted++;
        return true;
    }

    /** @return events rejected so far. */
    long rejected()
    {
        return rejected;
    }

    /** @return events accepted so far. */
    long accepted()
    {
        return accepted;
    }
}

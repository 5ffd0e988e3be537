package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.series.SeriesTable;

/**
 * The classify stage: validates each event against its series (registered id, not NaN, not below the metric's
 * smallest value (0 unless it allows negatives; a histogram value above its {@code highest} is valid and kept), an
 * explicit timestamp within [batch time - retention, batch time + one bucket)) and stamps events
 * that carry no timestamp with the batch time. Valid events get {@link MetricEvent#FLAG_ACCEPTED}; the others
 * are counted as rejected and skipped by later stages. The batch time never goes backwards (a clock stepped back
 * keeps stamping the latest time seen), so a clock step cannot make live traffic late. Never throws, never
 * allocates. Not thread-safe: one consumer thread.
 */
final class ClassifyStage
{
    private final SeriesTable series;
    private final long retentionMs;
    private final long resolutionMs;
    private long batchTimeMs = Long.MIN_VALUE;
    private long rejected;
    private long aboveHighest;

    ClassifyStage(final SeriesTable series, final long retentionMs, final long resolutionMs)
    {
        this.series = series;
        this.retentionMs = retentionMs;
        this.resolutionMs = resolutionMs;
    }

    /** Sets the time stamped on events of this batch that carry none (never earlier than the last batch's). */
    void onBatchStart(final long nowMs)
    {
        if (nowMs > batchTimeMs)
        {
            batchTimeMs = nowMs;
        }
    }

    /** @return true when the event is valid (and flagged accepted). */
    boolean accept(final MetricEvent event)
    {
        final int seriesId = event.seriesId;
        final long value = event.value;
        final long timestampMs = event.timestampMs;
        if (series.kind(seriesId) == SeriesTable.UNUSED ||
            (event.flags & MetricEvent.FLAG_NOT_A_NUMBER) != 0 ||
            value < series.minValue(seriesId) ||
            (timestampMs != 0 && (timestampMs < batchTimeMs - retentionMs || timestampMs >= batchTimeMs + resolutionMs)))
        {
            event.flags &= ~MetricEvent.FLAG_ACCEPTED;
            rejected++;
            return false;
        }
        if (timestampMs == 0)
        {
            event.timestampMs = batchTimeMs;
        }
        if (value > series.highest(seriesId))
        {
            aboveHighest++;
        }
        event.flags |= MetricEvent.FLAG_ACCEPTED;
        return true;
    }

    /** @return valid histogram values above their metric's {@code highest} so far (kept; see {@link SeriesTable#highest}). */
    long aboveHighest()
    {
        return aboveHighest;
    }

    /** @return events rejected so far. */
    long rejected()
    {
        return rejected;
    }
}

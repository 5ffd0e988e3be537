package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.series.SeriesTable;

/**
 * The histogram stage at every resolution, plus the exact samples of the raw resolution: an event of a histogram
 * series goes to each {@link HistogramStage} and to the {@link SampleStage}; other events are skipped with one
 * check. One composite keeps the per-event calls monomorphic. Not thread-safe: the histogram consumer thread.
 */
final class HistogramLevels implements CommittingStage
{
    private final SeriesTable series;
    private final HistogramStage[] levels;
    private final SampleStage samples;

    HistogramLevels(final SeriesTable series, final HistogramStage[] levels, final SampleStage samples)
    {
        this.series = series;
        this.levels = levels;
        this.samples = samples;
    }

    @Override
    public void onEvent(final MetricEvent event)
    {
        if (series.kind(event.seriesId) != SeriesTable.HISTOGRAM)
        {
            return;
        }
        for (final HistogramStage level : levels)
        {
            level.onEvent(event);
        }
        samples.onEvent(event);
    }

    @Override
    public void commit()
    {
        RuntimeException failure = null;
        for (final HistogramStage level : levels)
        {
            try
            {
                level.commit();
            }
            catch (final RuntimeException ex)
            {
                failure = failure == null ? ex : failure;
            }
        }
        try
        {
            samples.commit();
        }
        catch (final RuntimeException ex)
        {
            failure = failure == null ? ex : failure;
        }
        if (failure != null)
        {
            throw failure;
        }
    }

    @Override
    public void expire(final long nowMs)
    {
        for (final HistogramStage level : levels)
        {
            level.expire(nowMs);
        }
        samples.expire(nowMs);
    }
}

package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.series.SeriesTable;

/**
 * The histogram stage at every resolution, plus the exact samples of the raw resolution: each value of a
 * histogram series is recorded once, into the raw {@link HistogramStage} (and the {@link SampleStage} if its
 * metric keeps samples); the rollup resolutions ({@link RollupHistograms}) are built from the raw histograms as
 * the raw stage leaves them. Other events are skipped with one check. A commit marks the rollups of every series
 * the raw stage touched, writes the raw histograms, then the rollups and the samples. Not thread-safe: the
 * histogram consumer thread.
 */
final class HistogramLevels implements CommittingStage
{
    private final SeriesTable series;
    private final HistogramStage raw;
    private final RollupHistograms[] rollups;
    private final SampleStage samples;
    private final FirstFailure failures = new FirstFailure();

    HistogramLevels(final SeriesTable series, final HistogramStage raw, final RollupHistograms[] rollups, final SampleStage samples)
    {
        this.series = series;
        this.raw = raw;
        this.rollups = rollups;
        this.samples = samples;
        raw.feed(rollups);
    }

    @Override
    public void onEvent(final MetricEvent event)
    {
        final int seriesId = event.seriesId;
        if (series.kind(seriesId) != SeriesTable.HISTOGRAM)
        {
            return;
        }
        raw.record(seriesId, event.timestampMs, event.value);
        samples.record(seriesId, event.timestampMs, event.value);
    }

    @Override
    public void commit()
    {
        for (final RollupHistograms rollup : rollups)
        {
            rollup.markRawDirty();
        }
        failures.commit(raw);
        for (final RollupHistograms rollup : rollups)
        {
            failures.commit(rollup);
        }
        failures.commit(samples);
        failures.rethrow();
    }

    @Override
    public void expire(final long nowMs)
    {
        raw.expire(nowMs);
        for (final RollupHistograms rollup : rollups)
        {
            rollup.expire(nowMs);
        }
        samples.expire(nowMs);
    }
}

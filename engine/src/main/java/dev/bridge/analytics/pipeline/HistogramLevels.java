package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.series.SeriesTable;

/**
 * The histograms at every resolution, plus the exact samples of the raw resolution: each value of a histogram
 * series is recorded once, into the raw {@link HistogramStage} (and the {@link SampleStage} if its metric keeps
 * samples); the raw stage adds what it writes to the rollup levels' and the totals' stored histograms
 * ({@link RollupHistograms}). Other events are skipped with one check. A commit writes the raw stage's counts (to
 * every level), its late values and the counts the store refused before, then the samples. Not thread-safe: the
 * histogram consumer thread.
 */
final class HistogramLevels implements CommittingStage
{
    private final SeriesTable series;
    private final HistogramStage raw;
    private final SampleStage samples;
    private final FirstFailure failures = new FirstFailure();

    HistogramLevels(final SeriesTable series, final HistogramStage raw, final RollupHistograms[] rollups, final SampleStage samples)
    {
        this.series = series;
        this.raw = raw;
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
        failures.commit(raw);
        failures.commit(samples);
        failures.rethrow();
    }

    @Override
    public void expire(final long nowMs)
    {
        raw.expireEveryLevel(nowMs);
        samples.expire(nowMs);
    }
}

package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.series.SeriesTable;

/**
 * The histogram stage at every resolution, plus the exact samples of the raw resolution. Values of a histogram
 * series are first appended to a per-series pending buffer (one array store per event); the buffer is replayed
 * into each resolution's {@link HistogramStage} and the {@link SampleStage} when the series' raw bucket changes,
 * when it is full, and before every commit. Replaying a run of values into one histogram at a time keeps its
 * counts in cache, where recording each event into three histograms in turn missed the cache on every one
 * (measured: 3x slower consumer). Every value reaches every resolution in publish order, in its raw bucket.
 * Allocation-free in steady state (a series' buffer is created on its first event). Not thread-safe: the
 * histogram consumer thread.
 */
final class HistogramLevels implements CommittingStage
{
    static final int PENDING_VALUES = 4096;

    private final SeriesTable series;
    private final HistogramStage[] levels;
    private final SampleStage samples;
    private final BucketClock rawClock;
    private final long[][] pending;
    private final int[] pendingCount;
    private final long[] pendingTimestampMs;
    private final long[] pendingBucketMs;
    private final SeriesSet withPending;

    HistogramLevels(final SeriesTable series, final HistogramStage[] levels, final SampleStage samples, final long rawWidthMs)
    {
        this.series = series;
        this.levels = levels;
        this.samples = samples;
        this.rawClock = new BucketClock(rawWidthMs);
        pending = new long[series.capacity()][];
        pendingCount = new int[series.capacity()];
        pendingTimestampMs = new long[series.capacity()];
        pendingBucketMs = new long[series.capacity()];
        withPending = new SeriesSet(series.capacity());
    }

    @Override
    public void onEvent(final MetricEvent event)
    {
        final int seriesId = event.seriesId;
        if (series.kind(seriesId) != SeriesTable.HISTOGRAM)
        {
            return;
        }
        long[] buffer = pending[seriesId];
        if (buffer == null)
        {
            buffer = new long[PENDING_VALUES];
            pending[seriesId] = buffer;
        }
        final long bucketMs = rawClock.bucketStartMs(event.timestampMs);
        int count = pendingCount[seriesId];
        if (count > 0 && bucketMs != pendingBucketMs[seriesId])
        {
            drain(seriesId);
            count = 0;
        }
        if (count == 0)
        {
            pendingTimestampMs[seriesId] = event.timestampMs;
            pendingBucketMs[seriesId] = bucketMs;
            withPending.add(seriesId);
        }
        buffer[count++] = event.value;
        pendingCount[seriesId] = count;
        if (count == PENDING_VALUES)
        {
            drain(seriesId);
        }
    }

    private void drain(final int seriesId)
    {
        final long[] buffer = pending[seriesId];
        final int count = pendingCount[seriesId];
        final long timestampMs = pendingTimestampMs[seriesId];
        pendingCount[seriesId] = 0;
        withPending.remove(seriesId);
        for (final HistogramStage level : levels)
        {
            level.recordAll(seriesId, timestampMs, buffer, count);
        }
        samples.recordAll(seriesId, timestampMs, buffer, count);
    }

    @Override
    public void commit()
    {
        for (int i = withPending.size() - 1; i >= 0; i--)
        {
            drain(withPending.get(i));
        }
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

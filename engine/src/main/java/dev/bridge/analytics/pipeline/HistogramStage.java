package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesTable;
import dev.bridge.analytics.store.HistogramWriter;
import dev.bridge.analytics.store.StoreReader;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The histogram stage: one live HdrHistogram per histogram series (single writer, created on the series' first
 * event, then recycled from bucket to bucket with {@code reset()}); a bucket the store already holds is
 * continued, never overwritten. Not thread-safe: single writer, the consumer thread of this stage.
 * Allocation-free in steady state (the first event of a series allocates its histogram; re-opening a stored
 * bucket and late values decode the stored histogram).
 */
final class HistogramStage extends LiveBucketStage
{
    private final SeriesTable series;
    private final HistogramWriter writer;
    private final StoreReader reader;
    private final Histogram[] live;
    private RollupHistograms[] rollups = new RollupHistograms[0];

    HistogramStage(
        final SeriesTable series, final Resolution resolution, final HistogramWriter writer, final StoreReader reader,
        final AtomicCounter expiredCounter)
    {
        super(series.capacity(), resolution, expiredCounter);
        this.series = series;
        this.writer = writer;
        this.reader = reader;
        live = new Histogram[series.capacity()];
    }

    /** Sets the rollups this (raw) stage feeds. */
    void feed(final RollupHistograms[] rollups)
    {
        this.rollups = rollups;
    }

    /** @return the live histogram of {@code seriesId}, null before its first value; read-only for rollups. */
    Histogram live(final int seriesId)
    {
        return live[seriesId];
    }

    @Override
    public void onEvent(final MetricEvent event)
    {
        record(event.seriesId, event.timestampMs, event.value);
    }

    /**
     * Records one value of a histogram series (HistogramLevels passes histogram series only); a value above the
     * metric's {@code highest} is recorded as {@code highest} (its exact value is in the bucket's stats).
     */
    void record(final int seriesId, final long timestampMs, final long value)
    {
        if (enterLiveBucket(seriesId, timestampMs, value))
        {
            final Histogram histogram = live[seriesId];
            histogram.recordValue(Math.min(value, histogram.getHighestTrackableValue()));
        }
    }

    @Override
    void openBucket(final int seriesId, final long startMs, final long bucketKey)
    {
        load(seriesId, bucketKey);
        for (final RollupHistograms rollup : rollups)
        {
            rollup.rawOpened(seriesId, startMs, live[seriesId]);
        }
    }

    @Override
    void bucketLeft(final int seriesId, final long startMs)
    {
        for (final RollupHistograms rollup : rollups)
        {
            rollup.rawLeft(seriesId, startMs, live[seriesId]);
        }
    }

    @Override
    void expiredValue(final int seriesId, final long startMs, final long value)
    {
        for (final RollupHistograms rollup : rollups)
        {
            rollup.value(seriesId, startMs, value);
        }
    }

    private void load(final int seriesId, final long bucketKey)
    {
        Histogram histogram = live[seriesId];
        if (histogram == null)
        {
            final HistogramSpec spec = spec(seriesId);
            histogram = new Histogram(spec.lowestDiscernibleValue(), spec.highestTrackableValue(), spec.significantDigits());
            live[seriesId] = histogram;
        }
        else
        {
            histogram.reset();
        }
        if (reader.containsHistogram(bucketKey))
        {
            histogram.add(reader.readHistogram(bucketKey, histogram.getHighestTrackableValue()));
        }
    }

    @Override
    void writeBucket(final int seriesId, final long bucketKey)
    {
        writer.write(bucketKey, live[seriesId]);
    }

    @Override
    void mergeLate(final int seriesId, final long startMs, final long bucketKey, final long value)
    {
        for (final RollupHistograms rollup : rollups)
        {
            rollup.value(seriesId, startMs, value);
        }
        final HistogramSpec spec = spec(seriesId);
        writer.merge(bucketKey, value, spec.lowestDiscernibleValue(), spec.highestTrackableValue(), spec.significantDigits());
    }

    @Override
    void removeBucket(final long bucketKey)
    {
        writer.remove(bucketKey);
    }

    private HistogramSpec spec(final int seriesId)
    {
        return series.info(seriesId).metric().histogram();
    }
}

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

    @Override
    public void onEvent(final MetricEvent event)
    {
        final int seriesId = event.seriesId;
        if (enterLiveBucket(seriesId, event.timestampMs, event.value)) // HistogramLevels passes histogram series only
        {
            live[seriesId].recordValue(event.value);
        }
    }

    @Override
    void openBucket(final int seriesId, final long bucketKey)
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
    void mergeLate(final int seriesId, final long bucketKey, final long value)
    {
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

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
        record(event.seriesId, event.timestampMs, event.value);
    }

    /**
     * Records a run of values of one histogram series that share a raw bucket: one bucket check, then a tight loop
     * into the live histogram (the values of a late or expired bucket take the per-value path).
     */
    void recordAll(final int seriesId, final long timestampMs, final long[] values, final int count)
    {
        if (count == 0)
        {
            return;
        }
        if (enterLiveBucket(seriesId, timestampMs, values[0]))
        {
            final Histogram histogram = live[seriesId];
            for (int i = 0; i < count; i++)
            {
                histogram.recordValue(values[i]);
            }
        }
        else
        {
            for (int i = 1; i < count; i++)
            {
                record(seriesId, timestampMs, values[i]);
            }
        }
    }

    /** Records one value of a histogram series (HistogramLevels passes histogram series only). */
    void record(final int seriesId, final long timestampMs, final long value)
    {
        if (enterLiveBucket(seriesId, timestampMs, value))
        {
            live[seriesId].recordValue(value);
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

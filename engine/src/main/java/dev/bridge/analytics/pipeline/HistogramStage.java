package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.series.SeriesTable;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.HistogramWriter;
import dev.bridge.analytics.store.StoreReader;
import org.HdrHistogram.Histogram;

/**
 * The histogram stage: one live HdrHistogram per histogram series (single writer, created on the series' first
 * event, then recycled from bucket to bucket with {@code reset()}), written to the store at each commit while
 * touched and when the bucket closes. A bucket that the store already holds is continued, never overwritten.
 * <p>
 * Not thread-safe: single writer, the consumer thread of this stage. Allocation-free in steady state (the first
 * event of a series allocates its histogram; re-opening a stored bucket decodes it).
 */
final class HistogramStage implements CommittingStage
{
    private static final long NONE = Long.MIN_VALUE;
    private static final int RAW_RESOLUTION = 0;

    private final SeriesTable series;
    private final BucketClock clock;
    private final HistogramWriter writer;
    private final StoreReader reader;
    private final Histogram[] live;
    private final long[] liveStartMs;
    private final SeriesSet open;
    private final SeriesSet dirty;

    HistogramStage(final SeriesTable series, final long resolutionMs, final HistogramWriter writer, final StoreReader reader)
    {
        this.series = series;
        this.clock = new BucketClock(resolutionMs);
        this.writer = writer;
        this.reader = reader;
        live = new Histogram[series.capacity()];
        liveStartMs = new long[series.capacity()];
        java.util.Arrays.fill(liveStartMs, NONE);
        open = new SeriesSet(series.capacity());
        dirty = new SeriesSet(series.capacity());
    }

    @Override
    public void onEvent(final MetricEvent event)
    {
        final int seriesId = event.seriesId;
        if (series.kind(seriesId) != SeriesTable.HISTOGRAM)
        {
            return;
        }
        final long startMs = clock.bucketStartMs(event.timestampMs);
        final long liveMs = liveStartMs[seriesId];
        if (liveMs != startMs)
        {
            if (liveMs != NONE && startMs < liveMs)
            {
                final HistogramSpec spec = series.info(seriesId).metric().histogram();
                writer.merge(key(seriesId, startMs), event.value,
                    spec.lowestDiscernibleValue(), spec.highestTrackableValue(), spec.significantDigits());
                return;
            }
            if (liveMs != NONE)
            {
                close(seriesId);
            }
            open(seriesId, startMs);
        }
        live[seriesId].recordValue(event.value);
        dirty.add(seriesId);
    }

    @Override
    public void commit(final long nowMs)
    {
        for (int i = 0; i < dirty.size(); i++)
        {
            final int seriesId = dirty.get(i);
            writer.write(key(seriesId, liveStartMs[seriesId]), live[seriesId]);
        }
        dirty.clear();
        final long nowStartMs = clock.bucketStartMs(nowMs);
        for (int i = open.size() - 1; i >= 0; i--)
        {
            final int seriesId = open.get(i);
            if (liveStartMs[seriesId] < nowStartMs)
            {
                liveStartMs[seriesId] = NONE;
                open.remove(seriesId);
            }
        }
    }

    private void open(final int seriesId, final long startMs)
    {
        Histogram histogram = live[seriesId];
        if (histogram == null)
        {
            final SeriesInfo info = series.info(seriesId);
            final HistogramSpec spec = info.metric().histogram();
            histogram = new Histogram(spec.lowestDiscernibleValue(), spec.highestTrackableValue(), spec.significantDigits());
            live[seriesId] = histogram;
        }
        else
        {
            histogram.reset();
        }
        liveStartMs[seriesId] = startMs;
        open.add(seriesId);
        final long key = key(seriesId, startMs);
        if (reader.containsHistogram(key))
        {
            histogram.add(reader.readHistogram(key, histogram.getHighestTrackableValue()));
        }
    }

    private void close(final int seriesId)
    {
        if (dirty.contains(seriesId))
        {
            writer.write(key(seriesId, liveStartMs[seriesId]), live[seriesId]);
            dirty.remove(seriesId);
        }
        liveStartMs[seriesId] = NONE;
        open.remove(seriesId);
    }

    private long key(final int seriesId, final long startMs)
    {
        return BucketKey.pack(seriesId, RAW_RESOLUTION, Math.floorDiv(startMs, 1000L));
    }
}

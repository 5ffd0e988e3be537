package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesTable;
import dev.bridge.analytics.store.HistogramWriter;
import dev.bridge.analytics.store.StoreReader;
import org.HdrHistogram.Histogram;

/**
 * The histograms of one rollup resolution, built from the raw histograms as the raw stage leaves them (added
 * page by page), and written as that fold plus the raw live histogram (both added into the shape's scratch
 * histogram, exact integer counts). Folds are {@link PagedHistogram}s sharing the raw stage's page pool: a fold
 * holds pages only where its bucket saw values, and gives them back when the series opens its next rollup
 * bucket. A rollup bucket opened from the store has the raw histogram the raw stage just reloaded subtracted (it
 * was already counted). See {@link RollupBuckets}. Allocation-free in steady state (each series' rollup histogram
 * is created once; an empty pool allocates a page). Not thread-safe: the histogram consumer thread.
 */
final class RollupHistograms extends RollupStage
{
    private final SeriesTable series;
    private final HistogramStage raw;
    private final HistogramWriter writer;
    private final StoreReader reader;
    private final PagedHistogram[] folded;

    RollupHistograms(
        final SeriesTable series, final Resolution resolution, final HistogramStage raw, final HistogramWriter writer,
        final StoreReader reader)
    {
        super(series.capacity(), resolution, raw);
        this.series = series;
        this.raw = raw;
        this.writer = writer;
        this.reader = reader;
        folded = new PagedHistogram[series.capacity()];
    }

    /** The raw stage opened a bucket; {@code loaded} is what it reloaded from the store (null: nothing). */
    void rawOpened(final int seriesId, final long rawStartMs, final Histogram loaded)
    {
        if (!open(seriesId, rawStartMs))
        {
            return;
        }
        PagedHistogram histogram = folded[seriesId];
        if (histogram == null)
        {
            histogram = raw.newHistogram(seriesId);
            folded[seriesId] = histogram;
        }
        else
        {
            histogram.reset();
        }
        final long key = key(seriesId, startMs[seriesId]);
        if (reader.containsHistogram(key))
        {
            final Histogram stored = reader.readHistogram(key, histogram.shape().highestTrackableValue());
            if (loaded != null && loaded.getTotalCount() > 0)
            {
                try
                {
                    stored.subtract(loaded);
                }
                catch (final IllegalArgumentException ex)
                {
                    // the stored rollup missed part of the raw bucket (killed between the two writes): keep it
                }
            }
            histogram.add(stored);
        }
    }

    /** The raw stage left a bucket of {@code seriesId} whose final histogram is {@code rawLive}: fold it in. */
    void rawLeft(final int seriesId, final long rawStartMs, final PagedHistogram rawLive)
    {
        if (startMs[seriesId] == bucketOf(rawStartMs) && rawLive.getTotalCount() > 0)
        {
            folded[seriesId].add(rawLive);
            dirty.add(seriesId);
        }
    }

    /**
     * A value for a raw bucket older than the raw live one (late, or past raw_retention); above the metric's
     * {@code highest}, recorded as {@code highest}.
     */
    void value(final int seriesId, final long rawStartMs, final long value)
    {
        final long bucketMs = bucketOf(rawStartMs);
        if (expired(bucketMs))
        {
            return;
        }
        seen(seriesId);
        if (startMs[seriesId] == bucketMs)
        {
            final PagedHistogram histogram = folded[seriesId];
            histogram.recordValue(Math.min(value, histogram.shape().highestTrackableValue()));
            dirty.add(seriesId);
        }
        else
        {
            final HistogramSpec spec = series.info(seriesId).metric().histogram();
            writer.merge(key(seriesId, bucketMs), value, spec.lowestDiscernibleValue(), spec.highestTrackableValue(),
                spec.significantDigits());
        }
    }

    @Override
    void write(final int seriesId)
    {
        final long bucketMs = startMs[seriesId];
        final PagedHistogram fold = folded[seriesId];
        final PagedHistogram rawLive = raw.live(seriesId);
        final boolean withLive = rawLiveInside(seriesId, bucketMs) && rawLive != null && rawLive.getTotalCount() > 0;
        if (fold.getTotalCount() > 0 || withLive)
        {
            final Histogram written = fold.shape().scratchOf(fold);
            if (withLive)
            {
                rawLive.addTo(written);
            }
            writer.write(key(seriesId, bucketMs), written);
        }
    }

    @Override
    void removeBucket(final long bucketKey)
    {
        writer.remove(bucketKey);
    }
}

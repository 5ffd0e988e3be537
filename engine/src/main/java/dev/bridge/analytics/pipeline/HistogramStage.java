package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesTable;
import dev.bridge.analytics.store.HistogramWriter;
import dev.bridge.analytics.store.StoreReader;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.HashMap;
import java.util.Map;

/**
 * The histogram stage: one live {@link PagedHistogram} per histogram series (single writer, created on the
 * series' first event, its count pages taken from this stage's {@link HistogramPagePool} as values fall and given
 * back when the series leaves the bucket: its next value falls in a later bucket, or the bucket expires; a series
 * idle since keeps the pages of its last bucket until then); a bucket the store already holds is continued, never
 * overwritten. The rollups fed by this stage share its pool and shapes. Not thread-safe: single writer, the
 * consumer thread of this stage. Allocation-free in steady state (the first event of a series allocates its page
 * table, an empty pool a page; re-opening a stored bucket and late values decode the stored histogram).
 */
final class HistogramStage extends LiveBucketStage
{
    /** Free count pages kept for reuse: 8 MB of 512-byte pages. */
    static final int MAX_FREE_PAGES = 16_384;

    private final SeriesTable series;
    private final HistogramWriter writer;
    private final StoreReader reader;
    private final PagedHistogram[] live;
    private final HistogramPagePool pool = new HistogramPagePool(MAX_FREE_PAGES);
    private final Map<HistogramSpec, HistogramShape> shapes = new HashMap<>();
    private RollupHistograms[] rollups = new RollupHistograms[0];

    HistogramStage(
        final SeriesTable series, final Resolution resolution, final HistogramWriter writer, final StoreReader reader,
        final AtomicCounter expiredCounter)
    {
        super(series.capacity(), resolution, expiredCounter);
        this.series = series;
        this.writer = writer;
        this.reader = reader;
        live = new PagedHistogram[series.capacity()];
    }

    /** Sets the rollups this (raw) stage feeds. */
    void feed(final RollupHistograms[] rollups)
    {
        this.rollups = rollups;
    }

    /** @return the live histogram of {@code seriesId}, null before its first value; read-only for rollups. */
    PagedHistogram live(final int seriesId)
    {
        return live[seriesId];
    }

    /** @return an empty histogram for {@code seriesId}'s metric, sharing this stage's pool and shape. */
    PagedHistogram newHistogram(final int seriesId)
    {
        return new PagedHistogram(shapes.computeIfAbsent(spec(seriesId), HistogramShape::new), pool);
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
            final PagedHistogram histogram = live[seriesId];
            histogram.recordValue(Math.min(value, histogram.shape().highestTrackableValue()));
        }
    }

    @Override
    void openBucket(final int seriesId, final long startMs, final long bucketKey)
    {
        final Histogram loaded = load(seriesId, bucketKey);
        for (final RollupHistograms rollup : rollups)
        {
            rollup.rawOpened(seriesId, startMs, loaded);
        }
    }

    @Override
    void bucketLeft(final int seriesId, final long startMs)
    {
        for (final RollupHistograms rollup : rollups)
        {
            rollup.rawLeft(seriesId, startMs, live[seriesId]);
        }
        live[seriesId].reset(); // written (or expired) and folded: its pages go back to the pool
    }

    @Override
    void expiredValue(final int seriesId, final long startMs, final long value)
    {
        for (final RollupHistograms rollup : rollups)
        {
            rollup.value(seriesId, startMs, value);
        }
    }

    /** @return what the store held for the bucket (now in the live histogram), null when nothing. */
    private Histogram load(final int seriesId, final long bucketKey)
    {
        PagedHistogram histogram = live[seriesId];
        if (histogram == null)
        {
            histogram = newHistogram(seriesId);
            live[seriesId] = histogram;
        }
        else
        {
            histogram.reset();
        }
        if (reader.containsHistogram(bucketKey))
        {
            final Histogram stored = reader.readHistogram(bucketKey, spec(seriesId).highestTrackableValue());
            histogram.add(stored);
            return stored;
        }
        return null;
    }

    @Override
    void writeBucket(final int seriesId, final long bucketKey)
    {
        final PagedHistogram histogram = live[seriesId];
        writer.write(bucketKey, histogram.shape().scratchOf(histogram));
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

package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesTable;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.HistogramWriter;
import dev.bridge.analytics.store.StoreReader;
import org.HdrHistogram.Histogram;

/**
 * The histograms of one rollup resolution, built from the raw histograms as the raw stage leaves them (added
 * with {@code Histogram.add}), and written as that fold plus the raw live histogram (added for the write and
 * subtracted after it, exact integer counts). A rollup bucket opened from the store has the raw histogram the
 * raw stage just reloaded subtracted (it was already counted). See {@link RollupBuckets}. Allocation-free in
 * steady state (each series' rollup histogram is created once). Not thread-safe: the histogram consumer thread.
 */
final class RollupHistograms
{
    private static final long NONE = Long.MIN_VALUE;

    private final int resolutionIndex;
    private final long widthMs;
    private final long retentionMs;
    private final SeriesTable series;
    private final HistogramStage raw;
    private final HistogramWriter writer;
    private final StoreReader reader;
    private final long[] startMs;
    private final Histogram[] folded;
    private final SeriesSet dirty;
    private long expiredBeforeMs = Long.MIN_VALUE;
    private int highestSeriesId = -1;

    RollupHistograms(
        final SeriesTable series, final Resolution resolution, final HistogramStage raw, final HistogramWriter writer,
        final StoreReader reader)
    {
        this.resolutionIndex = resolution.index();
        this.widthMs = resolution.widthMs();
        this.retentionMs = resolution.retentionMs();
        this.series = series;
        this.raw = raw;
        this.writer = writer;
        this.reader = reader;
        startMs = new long[series.capacity()];
        java.util.Arrays.fill(startMs, NONE);
        folded = new Histogram[series.capacity()];
        dirty = new SeriesSet(series.capacity());
    }

    private long bucketOf(final long timeMs)
    {
        return timeMs - Math.floorMod(timeMs, widthMs);
    }

    private long key(final int seriesId, final long bucketMs)
    {
        return BucketKey.pack(seriesId, resolutionIndex, Math.floorDiv(bucketMs, 1000L));
    }

    /** The raw stage opened a bucket; {@code loaded} is what it reloaded from the store (often empty). */
    void rawOpened(final int seriesId, final long rawStartMs, final Histogram loaded)
    {
        final long bucketMs = bucketOf(rawStartMs);
        if (startMs[seriesId] == bucketMs || bucketMs < expiredBeforeMs)
        {
            return;
        }
        if (startMs[seriesId] != NONE && dirty.contains(seriesId))
        {
            write(seriesId);
            dirty.remove(seriesId);
        }
        highestSeriesId = Math.max(highestSeriesId, seriesId);
        startMs[seriesId] = bucketMs;
        Histogram histogram = folded[seriesId];
        if (histogram == null)
        {
            final HistogramSpec spec = series.info(seriesId).metric().histogram();
            histogram = new Histogram(spec.lowestDiscernibleValue(), spec.highestTrackableValue(), spec.significantDigits());
            folded[seriesId] = histogram;
        }
        else
        {
            histogram.reset();
        }
        final long key = key(seriesId, bucketMs);
        if (reader.containsHistogram(key))
        {
            histogram.add(reader.readHistogram(key, histogram.getHighestTrackableValue()));
            if (loaded.getTotalCount() > 0)
            {
                try
                {
                    histogram.subtract(loaded);
                }
                catch (final IllegalArgumentException ex)
                {
                    // the stored rollup missed part of the raw bucket (killed between the two writes): keep it
                }
            }
        }
    }

    /** The raw stage left a bucket of {@code seriesId} whose final histogram is {@code rawLive}: fold it in. */
    void rawLeft(final int seriesId, final long rawStartMs, final Histogram rawLive)
    {
        if (startMs[seriesId] == bucketOf(rawStartMs) && rawLive.getTotalCount() > 0)
        {
            folded[seriesId].add(rawLive);
            dirty.add(seriesId);
        }
    }

    /** A value for a raw bucket older than the raw live one (late, or past raw_retention). */
    void value(final int seriesId, final long rawStartMs, final long value)
    {
        final long bucketMs = bucketOf(rawStartMs);
        if (bucketMs < expiredBeforeMs)
        {
            return;
        }
        highestSeriesId = Math.max(highestSeriesId, seriesId);
        if (startMs[seriesId] == bucketMs)
        {
            folded[seriesId].recordValue(value);
            dirty.add(seriesId);
        }
        else
        {
            final HistogramSpec spec = series.info(seriesId).metric().histogram();
            writer.merge(key(seriesId, bucketMs), value, spec.lowestDiscernibleValue(), spec.highestTrackableValue(),
                spec.significantDigits());
        }
    }

    /** Marks every series the raw stage touched since its last commit. */
    void markRawDirty()
    {
        for (int i = 0; i < raw.dirtyCount(); i++)
        {
            final int seriesId = raw.dirtyAt(i);
            if (startMs[seriesId] != NONE)
            {
                dirty.add(seriesId);
            }
        }
    }

    /** Writes every touched rollup bucket: its fold plus the raw live histogram when that lies inside it. */
    void commit()
    {
        RuntimeException failure = null;
        for (int i = dirty.size() - 1; i >= 0; i--)
        {
            final int seriesId = dirty.get(i);
            try
            {
                write(seriesId);
                dirty.remove(seriesId);
            }
            catch (final RuntimeException ex)
            {
                failure = failure == null ? ex : failure;
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }

    private void write(final int seriesId)
    {
        final long bucketMs = startMs[seriesId];
        final Histogram fold = folded[seriesId];
        final long rawStartMs = raw.liveStartMs(seriesId);
        final Histogram rawLive = raw.live(seriesId);
        final boolean withLive = rawStartMs >= bucketMs && rawStartMs < bucketMs + widthMs &&
            rawLive != null && rawLive.getTotalCount() > 0;
        if (withLive)
        {
            fold.add(rawLive);
        }
        try
        {
            if (fold.getTotalCount() > 0)
            {
                writer.write(key(seriesId, bucketMs), fold);
            }
        }
        finally
        {
            if (withLive)
            {
                fold.subtract(rawLive);
            }
        }
    }

    /** Sets where expiry starts (the store was swept at start). */
    void startExpiry(final long nowMs)
    {
        expiredBeforeMs = bucketOf(nowMs - retentionMs);
    }

    /** Removes the rollup buckets that passed their retention by {@code nowMs}. */
    void expire(final long nowMs)
    {
        final long cutOffMs = bucketOf(nowMs - retentionMs);
        if (cutOffMs <= expiredBeforeMs)
        {
            return;
        }
        for (int seriesId = 0; seriesId <= highestSeriesId; seriesId++)
        {
            if (startMs[seriesId] != NONE && startMs[seriesId] < cutOffMs)
            {
                startMs[seriesId] = NONE;
                dirty.remove(seriesId);
            }
        }
        for (long bucketMs = Math.max(expiredBeforeMs, cutOffMs - 10_000 * widthMs); bucketMs < cutOffMs; bucketMs += widthMs)
        {
            for (int seriesId = 0; seriesId <= highestSeriesId; seriesId++)
            {
                writer.remove(key(seriesId, bucketMs));
            }
        }
        expiredBeforeMs = cutOffMs;
    }
}

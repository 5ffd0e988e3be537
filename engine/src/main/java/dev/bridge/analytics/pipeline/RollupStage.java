package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.Resolution;

import java.util.Arrays;

/**
 * A rollup level kept as a fold on the heap ({@link RollupBuckets}: 8 longs per series): each series' live rollup
 * bucket start, the series touched since the last commit, and expiry ({@link RollupRetention}). Subclasses keep the
 * folded state and say how to write and remove a bucket. (Histogram rollups keep no fold: {@link RollupHistograms}.)
 * Preallocated, allocation-free. Not thread-safe: one consumer thread.
 */
abstract class RollupStage
{
    static final long NONE = Long.MIN_VALUE;

    final long[] startMs;
    final SeriesSet dirty;
    private final RollupRetention retention;
    private final LiveBucketStage raw;

    RollupStage(final int capacity, final Resolution resolution, final LiveBucketStage raw)
    {
        this.retention = new RollupRetention(resolution, this::removeBucket);
        this.raw = raw;
        startMs = new long[capacity];
        Arrays.fill(startMs, NONE);
        dirty = new SeriesSet(capacity);
    }

    final long bucketOf(final long timeMs)
    {
        return retention.bucketOf(timeMs);
    }

    final long key(final int seriesId, final long bucketMs)
    {
        return retention.key(seriesId, bucketMs);
    }

    /** @return true when {@code bucketMs} is past this rollup's retention (nothing may be written there). */
    final boolean expired(final long bucketMs)
    {
        return retention.expired(bucketMs);
    }

    /** @return true when the raw live bucket of {@code seriesId} lies inside the rollup bucket at {@code bucketMs}. */
    final boolean rawLiveInside(final int seriesId, final long bucketMs)
    {
        final long rawStartMs = raw.liveStartMs(seriesId);
        return rawStartMs >= bucketMs && rawStartMs < bucketMs + retention.widthMs();
    }

    /**
     * Opens the rollup bucket holding {@code rawStartMs} for {@code seriesId} (writing the previous one if
     * touched).
     *
     * @return true when a bucket was opened (the caller loads its state), false when it was open already or expired.
     */
    final boolean open(final int seriesId, final long rawStartMs)
    {
        final long bucketMs = bucketOf(rawStartMs);
        if (startMs[seriesId] == bucketMs || expired(bucketMs))
        {
            return false;
        }
        if (startMs[seriesId] != NONE && dirty.contains(seriesId))
        {
            write(seriesId);
            dirty.remove(seriesId);
        }
        retention.seen(seriesId);
        startMs[seriesId] = bucketMs;
        return true;
    }

    /** Notes a series that received a value outside the raw stage's live bucket. */
    final void seen(final int seriesId)
    {
        retention.seen(seriesId);
    }

    /** Marks every series the raw stage touched since its last commit: their rollup buckets change with them. */
    final void markRawDirty()
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

    /** Writes every touched rollup bucket; a failed one stays touched; the first failure is rethrown. */
    final void commit()
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

    /** Sets where expiry starts (the store was swept at start). */
    final void startExpiry(final long nowMs)
    {
        retention.startExpiry(nowMs);
    }

    /** Removes the rollup buckets that passed their retention by {@code nowMs}. */
    final void expire(final long nowMs)
    {
        final long cutOffMs = retention.cutOffMs(nowMs);
        if (!retention.advances(cutOffMs))
        {
            return;
        }
        for (int seriesId = 0; seriesId <= retention.highestSeriesId(); seriesId++)
        {
            if (startMs[seriesId] != NONE && startMs[seriesId] < cutOffMs)
            {
                startMs[seriesId] = NONE;
                dirty.remove(seriesId);
            }
        }
        retention.removeBefore(cutOffMs);
    }

    /** Writes the series' rollup bucket: its fold plus the raw live bucket when that lies inside it. */
    abstract void write(int seriesId);

    /** Removes an expired bucket from the store. */
    abstract void removeBucket(long bucketKey);
}

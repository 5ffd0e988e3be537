package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.store.BucketKey;

/**
 * What the bucket and histogram stages share: each series has at most one live raw bucket; a value for a later
 * bucket writes the live one (if touched since the last commit) and opens the new one; a value for an earlier
 * bucket is late and goes straight to the store; a commit writes every live bucket touched since the last commit.
 * A live bucket is never "closed" by time alone: everything it holds is committed, and it simply stays live until
 * its series sees a later bucket (so a stage that lags behind the clock never re-reads a bucket from the store).
 * Subclasses keep the per-series live state and say how to open, write and merge.
 * Preallocated, allocation-free. Not thread-safe: single writer, the stage's consumer thread.
 */
abstract class LiveBucketStage implements CommittingStage
{
    private static final long NONE = Long.MIN_VALUE;

    private final BucketClock clock;
    private final long[] liveStartMs;
    private final SeriesSet dirty;

    LiveBucketStage(final int capacity, final long resolutionMs)
    {
        clock = new BucketClock(resolutionMs);
        liveStartMs = new long[capacity];
        java.util.Arrays.fill(liveStartMs, NONE);
        dirty = new SeriesSet(capacity);
    }

    /**
     * Routes a value to its bucket.
     *
     * @return true when the caller must add the value to the series' live state (now the bucket of
     *         {@code timestampMs}); false when it was late and already merged into the store.
     */
    final boolean enterLiveBucket(final int seriesId, final long timestampMs, final long value)
    {
        final long startMs = clock.bucketStartMs(timestampMs);
        final long liveMs = liveStartMs[seriesId];
        if (liveMs != startMs)
        {
            if (liveMs != NONE && startMs < liveMs)
            {
                mergeLate(seriesId, key(seriesId, startMs), value);
                return false;
            }
            if (liveMs != NONE && dirty.contains(seriesId))
            {
                writeBucket(seriesId, key(seriesId, liveMs));
            }
            liveStartMs[seriesId] = startMs;
            openBucket(seriesId, key(seriesId, startMs));
        }
        dirty.add(seriesId);
        return true;
    }

    /**
     * Writes every live bucket touched since the last commit. A bucket whose write fails stays touched and is
     * written again at the next commit; the first failure is rethrown after the others were tried.
     */
    @Override
    public final void commit()
    {
        RuntimeException failure = null;
        for (int i = dirty.size() - 1; i >= 0; i--)
        {
            final int seriesId = dirty.get(i);
            try
            {
                writeBucket(seriesId, key(seriesId, liveStartMs[seriesId]));
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

    private static long key(final int seriesId, final long startMs)
    {
        return BucketKey.raw(seriesId, Math.floorDiv(startMs, 1000L));
    }

    /** Resets the series' live state to what the store holds for {@code bucketKey} (nothing, for a new bucket). */
    abstract void openBucket(int seriesId, long bucketKey);

    /** Writes the series' live state to the store as the bucket {@code bucketKey}. */
    abstract void writeBucket(int seriesId, long bucketKey);

    /** Adds a value to a stored bucket older than the live one. */
    abstract void mergeLate(int seriesId, long bucketKey, long value);
}

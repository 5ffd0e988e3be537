package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.store.BucketKey;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;

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
    private static final long MAX_EXPIRY_STEPS = 10_000;

    private final int resolutionIndex;
    private final long widthMs;
    private final long retentionMs;
    private final BucketClock clock;
    private final long[] liveStartMs;
    private final SeriesSet dirty;
    private final AtomicCounter expiredCounter;
    private long expiredBeforeMs = Long.MIN_VALUE;
    private long expiredValues;
    private int highestSeriesId = -1;

    LiveBucketStage(final int capacity, final Resolution resolution, final AtomicCounter expiredCounter)
    {
        resolutionIndex = resolution.index();
        widthMs = resolution.widthMs();
        retentionMs = resolution.retentionMs();
        this.expiredCounter = expiredCounter;
        clock = new BucketClock(widthMs);
        liveStartMs = new long[capacity];
        Arrays.fill(liveStartMs, NONE);
        dirty = new SeriesSet(capacity);
    }

    /**
     * Sets where expiry starts: buckets before the bucket of {@code nowMs - retention} are gone (the store was
     * swept at start). Called once before the first event.
     */
    final void startExpiry(final long nowMs)
    {
        expiredBeforeMs = clock.bucketStartMs(nowMs - retentionMs);
    }

    /**
     * Removes the buckets that passed this resolution's retention by {@code nowMs}: for each bucket start between
     * the last cut-off and the new one, the bucket of every series seen. Values older than the cut-off are not
     * recorded at this resolution (counted), so no expired bucket is ever written again.
     */
    @Override
    public final void expire(final long nowMs)
    {
        final long cutOffMs = clock.bucketStartMs(nowMs - retentionMs);
        if (expiredBeforeMs == Long.MIN_VALUE || cutOffMs <= expiredBeforeMs)
        {
            expiredBeforeMs = Math.max(expiredBeforeMs, cutOffMs);
            return;
        }
        for (int seriesId = 0; seriesId <= highestSeriesId; seriesId++)
        {
            if (liveStartMs[seriesId] != NONE && liveStartMs[seriesId] < cutOffMs)
            {
                bucketLeft(seriesId, liveStartMs[seriesId]);
                liveStartMs[seriesId] = NONE; // its bucket is removed below: never write it again
                dirty.remove(seriesId);
            }
        }
        if ((cutOffMs - expiredBeforeMs) / widthMs > MAX_EXPIRY_STEPS)
        {
            // a clock jump: buckets in the skipped span are swept by the next start's full sweep
            expiredBeforeMs = cutOffMs - MAX_EXPIRY_STEPS * widthMs;
        }
        for (long startMs = expiredBeforeMs; startMs < cutOffMs; startMs += widthMs)
        {
            for (int seriesId = 0; seriesId <= highestSeriesId; seriesId++)
            {
                removeBucket(key(seriesId, startMs));
            }
            expiredBeforeMs = startMs + widthMs;
        }
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
            if (startMs < expiredBeforeMs)
            {
                if (expiredCounter != null)
                {
                    expiredCounter.setRelease(++expiredValues);
                }
                expiredValue(seriesId, startMs, value);
                return false;
            }
            if (seriesId > highestSeriesId)
            {
                highestSeriesId = seriesId;
            }
            if (liveMs != NONE && startMs < liveMs)
            {
                mergeLate(seriesId, startMs, key(seriesId, startMs), value);
                return false;
            }
            if (liveMs != NONE)
            {
                if (dirty.contains(seriesId))
                {
                    writeBucket(seriesId, key(seriesId, liveMs));
                }
                bucketLeft(seriesId, liveMs);
            }
            liveStartMs[seriesId] = startMs;
            openBucket(seriesId, startMs, key(seriesId, startMs));
        }
        dirty.add(seriesId);
        return true;
    }

    /**
     * Writes every live bucket touched since the last commit, then what the subclass holds besides them
     * ({@link #commitHeld()}). A bucket whose write fails stays touched and is written again at the next commit;
     * the first failure is rethrown after the others were tried.
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
        try
        {
            commitHeld();
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

    /** @return the store key of the raw bucket at {@code startMs} of {@code seriesId}. */
    final long key(final int seriesId, final long startMs)
    {
        return BucketKey.pack(seriesId, resolutionIndex, Math.floorDiv(startMs, 1000L));
    }

    /** @return this stage's resolution index (its store keys'). */
    final int resolutionIndex()
    {
        return resolutionIndex;
    }

    /** @return true when the raw bucket at {@code startMs} passed retention: nothing may be written there. */
    final boolean expired(final long startMs)
    {
        return startMs < expiredBeforeMs;
    }

    /** @return the start of the series' live bucket, or {@link Long#MIN_VALUE} when it has none. */
    final long liveStartMs(final int seriesId)
    {
        return liveStartMs[seriesId];
    }

    /** @return the number of series touched since the last commit. */
    final int dirtyCount()
    {
        return dirty.size();
    }

    /** @return the {@code index}-th series touched since the last commit. */
    final int dirtyAt(final int index)
    {
        return dirty.get(index);
    }

    /** Called by {@link #commit()} after the live buckets: writes what the subclass holds besides them. */
    void commitHeld()
    {
    }

    /** Called when a series leaves its live bucket (a later bucket opened, or the bucket expired). */
    void bucketLeft(final int seriesId, final long startMs)
    {
    }

    /** Called with a value older than this resolution's retention (not recorded here). */
    void expiredValue(final int seriesId, final long startMs, final long value)
    {
    }

    /** Resets the series' live state to what the store holds for {@code bucketKey} (nothing, for a new bucket). */
    abstract void openBucket(int seriesId, long startMs, long bucketKey);

    /** Writes the series' live state to the store as the bucket {@code bucketKey}. */
    abstract void writeBucket(int seriesId, long bucketKey);

    /** Adds a value to a stored bucket older than the live one. */
    abstract void mergeLate(int seriesId, long startMs, long bucketKey, long value);

    /** Removes an expired bucket from the store (absent is fine). */
    abstract void removeBucket(long bucketKey);
}

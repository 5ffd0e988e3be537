package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.store.BucketKey;

/**
 * One rollup resolution's bucket arithmetic and expiry: which bucket holds a time, its store key, whether it passed
 * retention, and the removal of every series' buckets as they pass it. Shared by the rollup aggregates
 * ({@link RollupStage}) and the rollup histograms ({@link RollupHistograms}). Preallocated, allocation-free. Not
 * thread-safe: one consumer thread.
 */
final class RollupRetention
{
    private static final long MAX_EXPIRY_STEPS = 10_000;

    /** Removes one expired bucket from the store (absent is fine). */
    @FunctionalInterface
    interface BucketRemover
    {
        void remove(long bucketKey);
    }

    private final int resolutionIndex;
    private final long widthMs;
    private final long retentionMs;
    private final BucketRemover remover;
    private long expiredBeforeMs = Long.MIN_VALUE;
    private int highestSeriesId = -1;

    RollupRetention(final Resolution resolution, final BucketRemover remover)
    {
        this.resolutionIndex = resolution.index();
        this.widthMs = resolution.widthMs();
        this.retentionMs = resolution.retentionMs();
        this.remover = remover;
    }

    /** @return the start of the bucket holding {@code timeMs}. */
    long bucketOf(final long timeMs)
    {
        return timeMs - Math.floorMod(timeMs, widthMs);
    }

    /** @return the store key of the bucket at {@code bucketMs} of {@code seriesId}. */
    long key(final int seriesId, final long bucketMs)
    {
        return BucketKey.pack(seriesId, resolutionIndex, Math.floorDiv(bucketMs, 1000L));
    }

    /** @return the resolution index of this level's store keys. */
    int resolutionIndex()
    {
        return resolutionIndex;
    }

    /** @return the bucket width. */
    long widthMs()
    {
        return widthMs;
    }

    /** @return true when {@code bucketMs} is past retention (nothing may be written there). */
    boolean expired(final long bucketMs)
    {
        return bucketMs < expiredBeforeMs;
    }

    /** Notes a series written at this resolution: expiry removes the buckets of every series up to the highest. */
    void seen(final int seriesId)
    {
        highestSeriesId = Math.max(highestSeriesId, seriesId);
    }

    /** Sets where expiry starts (the store was swept at start). */
    void startExpiry(final long nowMs)
    {
        expiredBeforeMs = bucketOf(nowMs - retentionMs);
    }

    /** @return the start of the oldest bucket kept at {@code nowMs}. */
    long cutOffMs(final long nowMs)
    {
        return bucketOf(nowMs - retentionMs);
    }

    /** @return true when {@code cutOffMs} (from {@link #cutOffMs}) is later than the last one removed before. */
    boolean advances(final long cutOffMs)
    {
        return cutOffMs > expiredBeforeMs;
    }

    /**
     * Removes every series' buckets older than {@code cutOffMs} (from {@link #cutOffMs}) not removed yet, at most
     * {@value #MAX_EXPIRY_STEPS} bucket starts back (a clock jump: the next start's full sweep takes the rest).
     *
     * @return false when nothing passed retention since the last call.
     */
    boolean removeBefore(final long cutOffMs)
    {
        if (!advances(cutOffMs))
        {
            return false;
        }
        final long fromMs = Math.max(expiredBeforeMs, cutOffMs - MAX_EXPIRY_STEPS * widthMs);
        for (long bucketMs = fromMs; bucketMs < cutOffMs; bucketMs += widthMs)
        {
            for (int seriesId = 0; seriesId <= highestSeriesId; seriesId++)
            {
                remover.remove(key(seriesId, bucketMs));
            }
        }
        expiredBeforeMs = cutOffMs;
        return true;
    }

    /** @return the highest series id seen, -1 before the first. */
    int highestSeriesId()
    {
        return highestSeriesId;
    }
}

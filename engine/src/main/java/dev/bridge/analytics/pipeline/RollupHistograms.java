package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.store.HistogramWriter;

/**
 * The histograms of one rollup resolution (or of the running totals, {@link TotalsLevel}), kept only in the store:
 * no counts on the heap. The raw {@link HistogramStage} adds each batch of counts it writes for a raw bucket (a
 * {@link PagedHistogram} delta) to the stored encoding of the rollup bucket holding that raw bucket
 * ({@link EncodingMerge}), so a rollup bucket holds every value of its raw buckets that was committed. This level
 * says which bucket that is, whether it passed retention, and removes buckets as they pass it. Preallocated,
 * allocation-free. Not thread-safe: the histogram consumer thread.
 */
final class RollupHistograms
{
    private final RollupRetention retention;

    RollupHistograms(final Resolution resolution, final HistogramWriter writer)
    {
        retention = new RollupRetention(resolution, writer::remove);
    }

    /** @return true when the rollup bucket holding the raw bucket at {@code rawStartMs} is past retention. */
    boolean expired(final long rawStartMs)
    {
        return retention.expired(retention.bucketOf(rawStartMs));
    }

    /** @return the store key of the rollup bucket of {@code seriesId} holding the raw bucket at {@code rawStartMs}. */
    long keyOf(final int seriesId, final long rawStartMs)
    {
        retention.seen(seriesId);
        return retention.key(seriesId, retention.bucketOf(rawStartMs));
    }

    /** @return the resolution index of this level's store keys. */
    int resolutionIndex()
    {
        return retention.resolutionIndex();
    }

    /** Sets where expiry starts (the store was swept at start). */
    void startExpiry(final long nowMs)
    {
        retention.startExpiry(nowMs);
    }

    /** Removes the rollup buckets that passed retention by {@code nowMs}. */
    void expire(final long nowMs)
    {
        retention.removeBefore(retention.cutOffMs(nowMs));
    }
}

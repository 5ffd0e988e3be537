package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesTable;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.HistogramWriter;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The histogram stage: every histogram lives in the store, and the heap holds only the counts recorded since they
 * were last written. Per series, a {@link PagedHistogram} of the values recorded in its live raw bucket since the
 * last commit (single writer; its pages come from this stage's {@link HistogramPagePool} as values fall and go back
 * once written; counts reaching {@link #PAGE_BUDGET} pages are written at once). A commit, or the series moving to
 * a later raw bucket, adds those counts to the stored encoding of
 * the raw bucket and of the bucket holding it at every rollup level and in the running totals ({@link EncodingMerge},
 * one pass over each encoding, no decoded histogram), then empties them. So a series idle since its last commit
 * holds no pages, a stored bucket (an earlier run's, after a restart) is continued and never overwritten, and
 * nothing is re-read or subtracted. Late values (for a raw bucket before the live one) and values past raw
 * retention (rollups only) gather in a second, per-series {@link PagedHistogram} written at the commit, or when a
 * value for another bucket comes. Counts the store refuses (full) are kept ({@link UnwrittenDeltas}) and offered
 * again at each commit; the first refusal is rethrown by the next {@link #commit()}.
 * <p>
 * A kill -9 loses what was recorded since the last commit, and, if it falls between the writes of one series'
 * levels, that series' last batch at the levels not yet written. Not thread-safe: the histogram consumer thread.
 * Allocation-free in steady state (a series' first value allocates its page table, an empty pool a page; a
 * refused write allocates to keep its counts).
 */
final class HistogramStage extends LiveBucketStage
{
    /** Free count pages kept for reuse: 4 MB of 256-byte pages. */
    static final int MAX_FREE_PAGES = 16_384;
    /**
     * Pages a series' live (or late) counts may hold before they are written at once, without waiting for the
     * commit: 224 pages of 272 bytes plus the page table keep an active series under 64 KB whatever its values.
     */
    static final int PAGE_BUDGET = 224;
    /** Buckets whose refused counts are kept for the next commit. */
    static final int MAX_UNWRITTEN_BUCKETS = 1_024;

    private static final long NONE = Long.MIN_VALUE;

    private final SeriesTable series;
    private final HistogramWriter writer;
    private final PagedHistogram[] live;
    private final PagedHistogram[] late;
    private final long[] lateStartMs;
    private final SeriesSet lateSeries;
    private final HistogramPagePool pool = new HistogramPagePool(MAX_FREE_PAGES);
    private final Map<HistogramSpec, HistogramShape> shapes = new HashMap<>();
    private final EncodingMerge merge = new EncodingMerge();
    private final UnwrittenDeltas unwritten = new UnwrittenDeltas(MAX_UNWRITTEN_BUCKETS);
    private RollupHistograms[] rollups = new RollupHistograms[0];
    private RuntimeException refusal;
    private final LongPredicate bucketExpired = this::bucketExpired;

    HistogramStage(
        final SeriesTable series, final Resolution resolution, final HistogramWriter writer,
        final AtomicCounter expiredCounter)
    {
        super(series.capacity(), resolution, expiredCounter);
        this.series = series;
        this.writer = writer;
        live = new PagedHistogram[series.capacity()];
        late = new PagedHistogram[series.capacity()];
        lateStartMs = new long[series.capacity()];
        lateSeries = new SeriesSet(series.capacity());
    }

    /** Sets the rollup levels (and the running totals) each batch of counts is added to. */
    void feed(final RollupHistograms[] rollups)
    {
        this.rollups = rollups;
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
            if (histogram.pagesHeld() >= PAGE_BUDGET)
            {
                write(seriesId, liveStartMs(seriesId), histogram); // still dirty: the commit writes what follows
            }
        }
    }

    @Override
    void openBucket(final int seriesId, final long startMs, final long bucketKey)
    {
        if (live[seriesId] == null)
        {
            live[seriesId] = newHistogram(seriesId);
        }
    }

    @Override
    void writeBucket(final int seriesId, final long bucketKey)
    {
        write(seriesId, liveStartMs(seriesId), live[seriesId]);
    }

    @Override
    void bucketLeft(final int seriesId, final long startMs)
    {
        write(seriesId, startMs, live[seriesId]); // a bucket past retention: its rollups still take its counts
    }

    @Override
    void mergeLate(final int seriesId, final long startMs, final long bucketKey, final long value)
    {
        recordLate(seriesId, startMs, value);
    }

    @Override
    void expiredValue(final int seriesId, final long startMs, final long value)
    {
        recordLate(seriesId, startMs, value);
    }

    @Override
    void removeBucket(final long bucketKey)
    {
        writer.remove(bucketKey);
    }

    /**
     * Writes the late values, then offers the store the counts it refused before.
     *
     * @throws RuntimeException the first refusal since the last commit (the counts are kept and offered again).
     */
    @Override
    void commitHeld()
    {
        for (int i = lateSeries.size() - 1; i >= 0; i--)
        {
            final int seriesId = lateSeries.get(i);
            write(seriesId, lateStartMs[seriesId], late[seriesId]);
            lateSeries.remove(seriesId);
        }
        final RuntimeException retried = unwritten.retry(writer, merge, bucketExpired);
        final RuntimeException first = refusal != null ? refusal : retried;
        refusal = null;
        if (first != null)
        {
            throw first;
        }
    }

    /** @return true when {@code bucketKey}'s bucket passed its level's retention (the totals never do). */
    private boolean bucketExpired(final long bucketKey)
    {
        final int level = BucketKey.resolutionIndex(bucketKey);
        final long startMs = BucketKey.bucketStartSec(bucketKey) * 1000L;
        if (level == resolutionIndex())
        {
            return expired(startMs);
        }
        for (final RollupHistograms rollup : rollups)
        {
            if (rollup.resolutionIndex() == level)
            {
                return rollup.expired(startMs);
            }
        }
        return false;
    }

    /** Sets where expiry starts at every level (the store was swept at start). */
    void startExpiryAtEveryLevel(final long nowMs)
    {
        startExpiry(nowMs);
        for (final RollupHistograms rollup : rollups)
        {
            rollup.startExpiry(nowMs);
        }
    }

    /** Removes the buckets past retention at every level. */
    void expireEveryLevel(final long nowMs)
    {
        expire(nowMs);
        for (final RollupHistograms rollup : rollups)
        {
            rollup.expire(nowMs);
        }
    }

    /** @return the buckets whose refused counts are kept for the next commit. */
    int unwrittenBuckets()
    {
        return unwritten.size();
    }

    /** @return the count pages held by the series' live and late counts (0 once written). */
    int pagesHeld(final int seriesId)
    {
        return (live[seriesId] == null ? 0 : live[seriesId].pagesHeld()) +
            (late[seriesId] == null ? 0 : late[seriesId].pagesHeld());
    }

    private void recordLate(final int seriesId, final long startMs, final long value)
    {
        PagedHistogram histogram = late[seriesId];
        if (histogram == null)
        {
            histogram = newHistogram(seriesId);
            late[seriesId] = histogram;
            lateStartMs[seriesId] = NONE;
        }
        if (lateStartMs[seriesId] != startMs)
        {
            write(seriesId, lateStartMs[seriesId], histogram);
            lateStartMs[seriesId] = startMs;
        }
        histogram.recordValue(Math.min(value, histogram.shape().highestTrackableValue()));
        lateSeries.add(seriesId);
        if (histogram.pagesHeld() >= PAGE_BUDGET)
        {
            write(seriesId, startMs, histogram);
        }
    }

    /**
     * Adds {@code counts} (values of the raw bucket at {@code rawStartMs}) to that raw bucket, unless it passed raw
     * retention, and to the bucket holding it at each rollup level not past its retention; then empties them. A
     * refused write keeps the counts for that bucket and is reported by the next {@link #commit()}.
     */
    private void write(final int seriesId, final long rawStartMs, final PagedHistogram counts)
    {
        if (counts == null || counts.getTotalCount() == 0)
        {
            return;
        }
        if (!expired(rawStartMs))
        {
            add(key(seriesId, rawStartMs), counts);
        }
        for (final RollupHistograms rollup : rollups)
        {
            if (!rollup.expired(rawStartMs))
            {
                add(rollup.keyOf(seriesId, rawStartMs), counts);
            }
        }
        counts.reset();
    }

    private void add(final long bucketKey, final PagedHistogram counts)
    {
        try
        {
            writer.rewrite(bucketKey, merge.adding(counts));
        }
        catch (final RuntimeException ex)
        {
            refusal = refusal == null ? ex : refusal;
            unwritten.keep(bucketKey, counts);
        }
    }

    private PagedHistogram newHistogram(final int seriesId)
    {
        final HistogramSpec spec = series.info(seriesId).metric().histogram();
        return new PagedHistogram(shapes.computeIfAbsent(spec, HistogramShape::new), pool);
    }
}

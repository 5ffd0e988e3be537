package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.store.AggregateWriter;
import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.SaturatingMath;
import dev.bridge.analytics.store.SaturationCounter;
import dev.bridge.analytics.store.StoreReader;
import net.openhft.chronicle.values.Values;

/**
 * The aggregates of one rollup resolution, built from the raw buckets rather than from every event: each series'
 * live rollup bucket holds the raw buckets that its series has left (folded when the raw stage moves on or a
 * raw bucket expires), and is written as that fold plus the raw stage's live bucket. A rollup bucket opened from
 * the store (a restart) has the raw bucket the raw stage just reloaded subtracted, since the stored rollup
 * already counted it (counts, sums and sums of squares subtract exactly; min and max stay valid for a superset).
 * Late values and values past raw_retention go to the live rollup bucket or are merged into the stored one.
 * Counts and sums saturate ({@link SaturatingMath}): a fold or a value that saturates is counted once in the
 * {@link SaturationCounter}; the write at each commit (fold plus the raw live bucket) saturates uncounted, since the
 * raw bucket is counted when it is folded. A stored rollup at a bound stays there when the raw part is subtracted.
 * Preallocated (8 longs per series), allocation-free. Not thread-safe: the bucket consumer thread.
 */
final class RollupBuckets extends RollupStage
{
    private static final int STRIDE = 8;

    private final BucketStage raw;
    private final AggregateWriter writer;
    private final StoreReader reader;
    private final BucketAggregate stored = Values.newHeapInstance(BucketAggregate.class);
    private final SaturationCounter saturations;
    private final long[] folded;

    RollupBuckets(
        final int capacity, final Resolution resolution, final BucketStage raw, final AggregateWriter writer,
        final StoreReader reader, final SaturationCounter saturations)
    {
        super(capacity, resolution, raw);
        this.raw = raw;
        this.writer = writer;
        this.reader = reader;
        this.saturations = saturations;
        folded = new long[capacity * STRIDE];
    }

    /** The raw stage opened a bucket for {@code seriesId}; {@code rawLive[at..]} is what it loaded from the store. */
    void rawOpened(final int seriesId, final long rawStartMs, final long[] rawLive, final int at)
    {
        if (!open(seriesId, rawStartMs))
        {
            return;
        }
        final int f = seriesId * STRIDE;
        if (reader.readAggregate(key(seriesId, startMs[seriesId]), stored) && stored.getCount() > 0)
        {
            folded[f + BucketStage.COUNT] = SaturatingMath.removeFrom(stored.getCount(), rawLive[at + BucketStage.COUNT]);
            folded[f + BucketStage.SUM] = SaturatingMath.removeFrom(stored.getSum(), rawLive[at + BucketStage.SUM]);
            folded[f + BucketStage.MIN] = stored.getMin();
            folded[f + BucketStage.MAX] = stored.getMax();
            folded[f + BucketStage.SUM_SQUARES] = Double.doubleToRawLongBits(SaturatingMath.removeSquares(
                stored.getSumSquares(), Double.longBitsToDouble(rawLive[at + BucketStage.SUM_SQUARES])));
            folded[f + BucketStage.LAST] = stored.getLast();
        }
        else
        {
            folded[f + BucketStage.COUNT] = 0;
            folded[f + BucketStage.SUM] = 0;
            folded[f + BucketStage.MIN] = Long.MAX_VALUE;
            folded[f + BucketStage.MAX] = Long.MIN_VALUE;
            folded[f + BucketStage.SUM_SQUARES] = Double.doubleToRawLongBits(0.0);
            folded[f + BucketStage.LAST] = 0;
        }
    }

    /** The raw stage left a bucket of {@code seriesId} whose final aggregate is {@code rawLive[at..]}: fold it in. */
    void rawLeft(final int seriesId, final long rawStartMs, final long[] rawLive, final int at)
    {
        if (startMs[seriesId] != bucketOf(rawStartMs) || rawLive[at + BucketStage.COUNT] == 0)
        {
            return;
        }
        final int f = seriesId * STRIDE;
        folded[f + BucketStage.COUNT] = saturations.add(folded[f + BucketStage.COUNT], rawLive[at + BucketStage.COUNT]);
        folded[f + BucketStage.SUM] = saturations.add(folded[f + BucketStage.SUM], rawLive[at + BucketStage.SUM]);
        folded[f + BucketStage.MIN] = Math.min(folded[f + BucketStage.MIN], rawLive[at + BucketStage.MIN]);
        folded[f + BucketStage.MAX] = Math.max(folded[f + BucketStage.MAX], rawLive[at + BucketStage.MAX]);
        folded[f + BucketStage.SUM_SQUARES] = Double.doubleToRawLongBits(SaturatingMath.addSquares(
            Double.longBitsToDouble(folded[f + BucketStage.SUM_SQUARES]),
            Double.longBitsToDouble(rawLive[at + BucketStage.SUM_SQUARES])));
        folded[f + BucketStage.LAST] = rawLive[at + BucketStage.LAST];
        dirty.add(seriesId);
    }

    /** A value for a raw bucket older than the raw live one (late, or past raw_retention). */
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
            final int f = seriesId * STRIDE;
            if (folded[f + BucketStage.COUNT] == 0)
            {
                folded[f + BucketStage.LAST] = value; // a late value never replaces a newer last value
            }
            folded[f + BucketStage.COUNT] = saturations.add(folded[f + BucketStage.COUNT], 1L);
            folded[f + BucketStage.SUM] = saturations.add(folded[f + BucketStage.SUM], value);
            folded[f + BucketStage.MIN] = Math.min(folded[f + BucketStage.MIN], value);
            folded[f + BucketStage.MAX] = Math.max(folded[f + BucketStage.MAX], value);
            folded[f + BucketStage.SUM_SQUARES] = Double.doubleToRawLongBits(
                SaturatingMath.addSquare(Double.longBitsToDouble(folded[f + BucketStage.SUM_SQUARES]), value));
            dirty.add(seriesId);
        }
        else
        {
            writer.merge(key(seriesId, bucketMs), value, saturations);
        }
    }

    @Override
    void write(final int seriesId)
    {
        final long bucketMs = startMs[seriesId];
        final int f = seriesId * STRIDE;
        long count = folded[f + BucketStage.COUNT];
        long sum = folded[f + BucketStage.SUM];
        long min = folded[f + BucketStage.MIN];
        long max = folded[f + BucketStage.MAX];
        double sumSquares = Double.longBitsToDouble(folded[f + BucketStage.SUM_SQUARES]);
        long last = folded[f + BucketStage.LAST];
        final long[] rawLive = raw.live();
        final int at = BucketStage.offset(seriesId);
        if (rawLiveInside(seriesId, bucketMs) && rawLive[at + BucketStage.COUNT] > 0)
        {
            count = SaturatingMath.add(count, rawLive[at + BucketStage.COUNT]);
            sum = SaturatingMath.add(sum, rawLive[at + BucketStage.SUM]);
            min = Math.min(min, rawLive[at + BucketStage.MIN]);
            max = Math.max(max, rawLive[at + BucketStage.MAX]);
            sumSquares = SaturatingMath.addSquares(sumSquares, Double.longBitsToDouble(rawLive[at + BucketStage.SUM_SQUARES]));
            last = rawLive[at + BucketStage.LAST];
        }
        if (count > 0)
        {
            writer.write(key(seriesId, bucketMs), count, sum, min, max, sumSquares, last);
        }
    }

    @Override
    void removeBucket(final long bucketKey)
    {
        writer.remove(bucketKey);
    }
}

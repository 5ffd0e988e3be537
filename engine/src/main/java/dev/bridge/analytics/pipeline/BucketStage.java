package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.store.AggregateWriter;
import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.StoreReader;
import net.openhft.chronicle.values.Values;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The bucket stage: count, sum, min, max, sum of squares and last value of each series' live raw bucket, in
 * preallocated primitive arrays indexed by series id. A bucket opens with what the store already holds for it
 * (a restart or a re-opened bucket continues, never overwrites); late values are merged into the stored bucket
 * and counted. Not thread-safe: single writer, the consumer thread of this stage. Allocation-free in steady state.
 */
final class BucketStage extends LiveBucketStage
{
    private final AggregateWriter writer;
    private final StoreReader reader;
    private final BucketAggregate stored = Values.newHeapInstance(BucketAggregate.class);
    private final AtomicCounter lateCounter;
    private final long[] counts;
    private final long[] sums;
    private final long[] mins;
    private final long[] maxs;
    private final double[] sumSquares;
    private final long[] lasts;
    private long lateEvents;

    BucketStage(
        final int capacity, final Resolution resolution, final AggregateWriter writer, final StoreReader reader,
        final AtomicCounter lateCounter, final AtomicCounter expiredCounter)
    {
        super(capacity, resolution, expiredCounter);
        this.writer = writer;
        this.reader = reader;
        this.lateCounter = lateCounter;
        counts = new long[capacity];
        sums = new long[capacity];
        mins = new long[capacity];
        maxs = new long[capacity];
        sumSquares = new double[capacity];
        lasts = new long[capacity];
    }

    @Override
    public void onEvent(final MetricEvent event)
    {
        onValue(event.seriesId, event.value, event.timestampMs);
    }

    /** Adds one value to a series; also used for values the engine samples itself. */
    void onValue(final int seriesId, final long value, final long timestampMs)
    {
        if (!enterLiveBucket(seriesId, timestampMs, value))
        {
            return;
        }
        counts[seriesId]++;
        sums[seriesId] += value;
        if (value < mins[seriesId])
        {
            mins[seriesId] = value;
        }
        if (value > maxs[seriesId])
        {
            maxs[seriesId] = value;
        }
        sumSquares[seriesId] += (double)value * value;
        lasts[seriesId] = value;
    }

    @Override
    void openBucket(final int seriesId, final long bucketKey)
    {
        if (reader.readAggregate(bucketKey, stored) && stored.getCount() > 0)
        {
            counts[seriesId] = stored.getCount();
            sums[seriesId] = stored.getSum();
            mins[seriesId] = stored.getMin();
            maxs[seriesId] = stored.getMax();
            sumSquares[seriesId] = stored.getSumSquares();
            lasts[seriesId] = stored.getLast();
        }
        else
        {
            counts[seriesId] = 0;
            sums[seriesId] = 0;
            mins[seriesId] = Long.MAX_VALUE;
            maxs[seriesId] = Long.MIN_VALUE;
            sumSquares[seriesId] = 0;
            lasts[seriesId] = 0;
        }
    }

    @Override
    void writeBucket(final int seriesId, final long bucketKey)
    {
        writer.write(bucketKey, counts[seriesId], sums[seriesId], mins[seriesId], maxs[seriesId],
            sumSquares[seriesId], lasts[seriesId]);
    }

    @Override
    void mergeLate(final int seriesId, final long bucketKey, final long value)
    {
        writer.merge(bucketKey, value);
        if (lateCounter != null)
        {
            lateCounter.setRelease(++lateEvents);
        }
    }

    @Override
    void removeBucket(final long bucketKey)
    {
        writer.remove(bucketKey);
    }
}

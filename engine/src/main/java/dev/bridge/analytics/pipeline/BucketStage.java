package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.store.AggregateWriter;
import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.StoreReader;
import net.openhft.chronicle.values.Values;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The bucket stage: count, sum, min, max, sum of squares and last value of each series' live raw bucket, in
 * preallocated primitive arrays indexed by series id. A bucket opens with what the store already holds for it
 * (a restart or a re-opened bucket continues, never overwrites), and is written to the store at each commit
 * while touched and once more when it closes. An event older than its series' live bucket is merged straight
 * into the stored bucket and counted as late.
 * <p>
 * Not thread-safe: single writer, the consumer thread of this stage. Allocation-free in steady state.
 */
final class BucketStage implements CommittingStage
{
    private static final long NONE = Long.MIN_VALUE;
    private static final int RAW_RESOLUTION = 0;

    private final BucketClock clock;
    private final AggregateWriter writer;
    private final StoreReader reader;
    private final BucketAggregate stored = Values.newHeapInstance(BucketAggregate.class);
    private final AtomicCounter lateCounter;
    private final long[] liveStartMs;
    private final long[] counts;
    private final long[] sums;
    private final long[] mins;
    private final long[] maxs;
    private final double[] sumSquares;
    private final long[] lasts;
    private final SeriesSet open;
    private final SeriesSet dirty;
    private long lateEvents;

    BucketStage(
        final int capacity, final long resolutionMs, final AggregateWriter writer, final StoreReader reader,
        final AtomicCounter lateCounter)
    {
        this.clock = new BucketClock(resolutionMs);
        this.writer = writer;
        this.reader = reader;
        this.lateCounter = lateCounter;
        liveStartMs = new long[capacity];
        java.util.Arrays.fill(liveStartMs, NONE);
        counts = new long[capacity];
        sums = new long[capacity];
        mins = new long[capacity];
        maxs = new long[capacity];
        sumSquares = new double[capacity];
        lasts = new long[capacity];
        open = new SeriesSet(capacity);
        dirty = new SeriesSet(capacity);
    }

    @Override
    public void onEvent(final MetricEvent event)
    {
        onValue(event.seriesId, event.value, event.timestampMs);
    }

    /** Adds one value to a series; also used for values the engine samples itself. */
    void onValue(final int seriesId, final long value, final long timestampMs)
    {
        final long startMs = clock.bucketStartMs(timestampMs);
        final long liveMs = liveStartMs[seriesId];
        if (liveMs != startMs)
        {
            if (liveMs != NONE && startMs < liveMs)
            {
                writer.merge(key(seriesId, startMs), value);
                lateCounter.setRelease(++lateEvents);
                return;
            }
            if (liveMs != NONE)
            {
                close(seriesId);
            }
            open(seriesId, startMs);
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
        dirty.add(seriesId);
    }

    @Override
    public void commit(final long nowMs)
    {
        for (int i = 0; i < dirty.size(); i++)
        {
            write(dirty.get(i));
        }
        dirty.clear();
        final long nowStartMs = clock.bucketStartMs(nowMs);
        for (int i = open.size() - 1; i >= 0; i--)
        {
            final int seriesId = open.get(i);
            if (liveStartMs[seriesId] < nowStartMs)
            {
                liveStartMs[seriesId] = NONE;
                open.remove(seriesId);
            }
        }
    }

    private void open(final int seriesId, final long startMs)
    {
        liveStartMs[seriesId] = startMs;
        open.add(seriesId);
        if (reader.readAggregate(key(seriesId, startMs), stored) && stored.getCount() > 0)
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

    private void close(final int seriesId)
    {
        if (dirty.contains(seriesId))
        {
            write(seriesId);
            dirty.remove(seriesId);
        }
        liveStartMs[seriesId] = NONE;
        open.remove(seriesId);
    }

    private void write(final int seriesId)
    {
        writer.write(key(seriesId, liveStartMs[seriesId]), counts[seriesId], sums[seriesId], mins[seriesId],
            maxs[seriesId], sumSquares[seriesId], lasts[seriesId]);
    }

    private long key(final int seriesId, final long startMs)
    {
        return BucketKey.pack(seriesId, RAW_RESOLUTION, Math.floorDiv(startMs, 1000L));
    }
}

package dev.bridge.analytics.query;

import dev.bridge.analytics.Stats;
import dev.bridge.analytics.store.BucketAggregate;

/**
 * Merges bucket aggregates of one or more series into {@link Stats}: counts, sums and sums of squares add; min and
 * max fold; "last" is the last value of each series' latest bucket, summed over series. Not thread-safe.
 */
final class StatsAccumulator
{
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private double sumSquares;
    private final java.util.Map<Integer, long[]> latestBySeries = new java.util.HashMap<>();

    void add(final int seriesId, final long bucketStartSec, final BucketAggregate aggregate)
    {
        if (aggregate.getCount() == 0)
        {
            return;
        }
        count += aggregate.getCount();
        sum += aggregate.getSum();
        min = Math.min(min, aggregate.getMin());
        max = Math.max(max, aggregate.getMax());
        sumSquares += aggregate.getSumSquares();
        final long[] latest = latestBySeries.computeIfAbsent(seriesId, id -> new long[]{ Long.MIN_VALUE, 0 });
        if (bucketStartSec > latest[0])
        {
            latest[0] = bucketStartSec;
            latest[1] = aggregate.getLast();
        }
    }

    long count()
    {
        return count;
    }

    long sum()
    {
        return sum;
    }

    long min()
    {
        return min;
    }

    long max()
    {
        return max;
    }

    Stats toStats()
    {
        if (count == 0)
        {
            return Stats.EMPTY;
        }
        final double mean = (double)sum / count;
        final double variance = Math.max(0.0, sumSquares / count - mean * mean);
        long last = 0;
        for (final long[] latest : latestBySeries.values())
        {
            last += latest[1];
        }
        return new Stats(count, sum, mean, min, max, Math.sqrt(variance), last);
    }
}

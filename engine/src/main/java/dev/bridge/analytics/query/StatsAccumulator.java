package dev.bridge.analytics.query;

import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.SaturatingMath;

import java.util.HashMap;
import java.util.Map;

/**
 * Merges bucket aggregates of one or more series into {@link Stats}: counts, sums and sums of squares add; min and
 * max fold; "last" is the last value of each series' latest bucket, summed over series. Counts, sums and "last"
 * saturate at the 64-bit bounds ({@link SaturatingMath}, not counted: a read does not change the engine's
 * self-metrics). Not thread-safe.
 */
final class StatsAccumulator
{
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private double sumSquares;
    /** The first series added, with its latest bucket and last value: most reads are of one series. */
    private int firstSeriesId = -1;
    private long firstLatestSec = Long.MIN_VALUE;
    private long firstLast;
    /** Every other series: id -> {latest bucket start, last value}; null until a second series is added. */
    private Map<Integer, long[]> latestOfOthers;

    void add(final int seriesId, final long bucketStartSec, final BucketAggregate aggregate)
    {
        if (aggregate.getCount() == 0)
        {
            return;
        }
        count = SaturatingMath.add(count, aggregate.getCount());
        sum = SaturatingMath.add(sum, aggregate.getSum());
        min = Math.min(min, aggregate.getMin());
        max = Math.max(max, aggregate.getMax());
        sumSquares = SaturatingMath.addSquares(sumSquares, aggregate.getSumSquares());
        if (firstSeriesId == -1 || firstSeriesId == seriesId)
        {
            firstSeriesId = seriesId;
            if (bucketStartSec > firstLatestSec)
            {
                firstLatestSec = bucketStartSec;
                firstLast = aggregate.getLast();
            }
            return;
        }
        if (latestOfOthers == null)
        {
            latestOfOthers = new HashMap<>();
        }
        final long[] latest = latestOfOthers.computeIfAbsent(seriesId, id -> new long[]{ Long.MIN_VALUE, 0 });
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
        final boolean saturated = sum == Long.MAX_VALUE || sum == Long.MIN_VALUE || count == Long.MAX_VALUE ||
            sumSquares >= Double.MAX_VALUE;
        final double mean = (double)sum / count;
        final double variance = Math.max(0.0, sumSquares / count - mean * mean);
        long last = firstLast;
        if (latestOfOthers != null)
        {
            for (final long[] latest : latestOfOthers.values())
            {
                last = SaturatingMath.add(last, latest[1]);
            }
        }
        // a saturated total is a lower bound: a mean or deviation computed from it would look exact and be wrong
        return saturated ? new Stats(count, sum, null, min, max, null, last)
            : new Stats(count, sum, mean, min, max, Math.sqrt(variance), last);
    }
}

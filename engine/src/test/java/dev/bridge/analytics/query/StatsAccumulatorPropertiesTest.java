package dev.bridge.analytics.query;

import dev.bridge.analytics.ExtremeValues;
import dev.bridge.analytics.SeededTries;
import dev.bridge.analytics.store.BucketAggregate;
import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a query merges (the stored buckets of a range): counts and sums of non-negative buckets are the exact sums
 * while they fit and {@link Long#MAX_VALUE} after, never wrapped; the stats computed from them stay finite.
 */
class StatsAccumulatorPropertiesTest
{
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private record Buckets(List<Long> counts, List<Long> sums)
    {
    }

    @Test
    void shouldMergeBucketCountsAndSumsExactlyUntilTheBound()
    {
        SeededTries.check(0x57A7_0001L, 1_000, random -> new Buckets(
            ExtremeValues.longs(random, 1, 12, ExtremeValues::nonNegativeLong),
            ExtremeValues.longs(random, 1, 12, ExtremeValues::nonNegativeLong)), in ->
        {
            final List<Long> counts = in.counts();
            final List<Long> sums = in.sums();
            final StatsAccumulator accumulator = new StatsAccumulator();
            final BucketAggregate aggregate = Values.newHeapInstance(BucketAggregate.class);
            BigInteger count = BigInteger.ZERO;
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < Math.min(counts.size(), sums.size()); i++)
            {
                final long c = Math.max(1, counts.get(i));
                aggregate.setCount(c);
                aggregate.setSum(sums.get(i));
                aggregate.setMin(0);
                aggregate.setMax(sums.get(i));
                aggregate.setSumSquares((double)sums.get(i) * sums.get(i));
                aggregate.setLast(sums.get(i));
                accumulator.add(i % 3, i, aggregate);
                count = count.add(BigInteger.valueOf(c));
                sum = sum.add(BigInteger.valueOf(sums.get(i)));
            }
            assertEquals(count.min(MAX).longValueExact(), accumulator.count());
            assertEquals(sum.min(MAX).longValueExact(), accumulator.sum());
            final Stats stats = accumulator.toStats();
            assertTrue(stats.sum() >= 0 && stats.last() >= 0, stats::toString);
            final boolean saturated = count.compareTo(MAX) >= 0 || sum.compareTo(MAX) >= 0;
            if (saturated)
            {
                assertTrue(stats.mean() == null && stats.stddev() == null, stats::toString); // a lower bound has no mean
            }
            else
            {
                assertTrue(Double.isFinite(stats.mean()) && Double.isFinite(stats.stddev()) && stats.stddev() >= 0,
                    stats::toString);
            }
        });
    }
}

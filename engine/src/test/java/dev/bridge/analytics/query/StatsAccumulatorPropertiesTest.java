package dev.bridge.analytics.query;

import dev.bridge.analytics.Stats;
import dev.bridge.analytics.store.BucketAggregate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.openhft.chronicle.values.Values;

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

    @Property(tries = 1_000)
    void shouldMergeBucketCountsAndSumsExactlyUntilTheBound(
        @ForAll @Size(min = 1, max = 12) final List<@From("extremeCounts") Long> counts,
        @ForAll @Size(min = 1, max = 12) final List<@From("extremeCounts") Long> sums)
    {
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
        assertTrue(Double.isFinite(stats.mean()) && Double.isFinite(stats.stddev()) && stats.stddev() >= 0, stats::toString);
    }

    @Provide
    Arbitrary<Long> extremeCounts()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.longs().between(Long.MAX_VALUE - 1_000, Long.MAX_VALUE),
            Arbitraries.longs().between(0, 1_000),
            Arbitraries.of(Long.MAX_VALUE / 2 + 1, 5_000_000_000_000_000_000L));
    }
}

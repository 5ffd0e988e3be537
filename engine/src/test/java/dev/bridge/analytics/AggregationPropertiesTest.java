package dev.bridge.analytics;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.store.DirectoryTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Extreme values through the whole pipeline (classify, live raw bucket, store, query): each try records its values in
 * a raw bucket of its own, and the bucket's count, sum, min and max are what exact arithmetic clamped at each
 * addition gives; nothing wraps, the saturation counter never goes down and counts at least the raw bucket's
 * saturated additions (the rollups count theirs too when they fold the bucket). 300 seeded tries per property, on one
 * engine per property.
 */
class AggregationPropertiesTest
{
    private static final int TRIES = 300;
    private static final long T0 = 1_700_000_000_000L;
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private Path dir;
    private ManualClock clock;
    private AnalyticsEngine engine;

    @BeforeEach
    void start() throws IOException
    {
        dir = Files.createTempDirectory("aggregation-properties-");
        clock = new ManualClock(T0);
        engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock);
    }

    @AfterEach
    void stop()
    {
        engine.close();
        DirectoryTrees.delete(dir);
    }

    @Test
    void shouldSumCounterValuesExactlyUntilTheBoundAndNeverWrap()
    {
        SeededTries.check(0xA66_0001L, TRIES, random -> ExtremeValues.longs(random, 1, 8, ExtremeValues::nonNegativeLong),
            values -> check("cache_hit", values, value -> engine.counter("cache_hit").add(value)));
    }

    @Test
    void shouldSumGaugeValuesOfEitherSignClampedAtEachAddition()
    {
        SeededTries.check(0xA66_0002L, TRIES, random -> ExtremeValues.longs(random, 1, 8, ExtremeValues::anyLong),
            values -> check("optimization_improvement", values,
                value -> engine.gauge("optimization_improvement").set(value)));
    }

    private void check(final String metric, final List<Long> values, final LongConsumer record)
    {
        clock.advance(1_000); // a raw bucket of its own
        final long saturatedBefore = engine.selfMetric(SelfMetric.VALUES_SATURATED);
        BigInteger model = BigInteger.ZERO;
        long saturated = 0;
        for (final long value : values)
        {
            record.accept(value);
            final BigInteger exact = model.add(BigInteger.valueOf(value));
            saturated += exact.compareTo(MAX) > 0 || exact.compareTo(MIN) < 0 ? 1 : 0;
            model = exact.max(MIN).min(MAX);
        }
        engine.flush();
        final long startMs = clock.time() - Math.floorMod(clock.time(), 1_000L);
        final Stats stats = engine.queries().stats(metric,
            TimeRange.between(Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(startMs + 1_000)));
        assertEquals(values.size(), stats.count());
        assertEquals(model.longValueExact(), stats.sum(), values::toString);
        final boolean counter = "cache_hit".equals(metric);
        if (counter)
        {
            // one fold of the thread's cells: recorded as values.size() values of the mean, rounded down and up
            final BigInteger total = values.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
            if (total.bitLength() <= 64)
            {
                final BigInteger[] mean = total.divideAndRemainder(BigInteger.valueOf(values.size()));
                assertEquals(mean[0].min(MAX).longValueExact(), stats.min(), values::toString);
                assertEquals(mean[0].add(mean[1].signum() > 0 ? BigInteger.ONE : BigInteger.ZERO).min(MAX).longValueExact(),
                    stats.max(), values::toString);
            }
            saturated = total.compareTo(MAX) > 0 ? 1 : 0; // one fold: one saturating addition at most
        }
        else
        {
            assertEquals(values.stream().mapToLong(Long::longValue).min().orElseThrow(), stats.min());
            assertEquals(values.stream().mapToLong(Long::longValue).max().orElseThrow(), stats.max());
        }
        final long counted = engine.selfMetric(SelfMetric.VALUES_SATURATED) - saturatedBefore;
        final long rawSaturated = saturated;
        assertTrue(counted >= rawSaturated, () -> values + ": counted " + counted + ", raw bucket saturated " + rawSaturated);
    }
}

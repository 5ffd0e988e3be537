package dev.bridge.analytics;

import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.store.DirectoryTrees;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Extreme values through the whole pipeline (classify, live raw bucket, store, query): each try records its values in
 * a raw bucket of its own, and the bucket's count, sum, min and max are what exact arithmetic clamped at each
 * addition gives; nothing wraps, the saturation counter never goes down and counts at least the raw bucket's
 * saturated additions (the rollups count theirs too when they fold the bucket).
 */
class AggregationPropertiesTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private Path dir;
    private ManualClock clock;
    private AnalyticsEngine engine;

    @BeforeProperty
    void start() throws IOException
    {
        dir = Files.createTempDirectory("aggregation-properties-");
        clock = new ManualClock(T0);
        engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock);
    }

    @AfterProperty
    void stop()
    {
        engine.close();
        DirectoryTrees.delete(dir);
    }

    @Property(tries = 300)
    void shouldSumCounterValuesExactlyUntilTheBoundAndNeverWrap(
        @ForAll @Size(min = 1, max = 8) final List<@From("nonNegative") Long> values)
    {
        check("cache_hit", values, value -> engine.counter("cache_hit").add(value));
    }

    @Property(tries = 300)
    void shouldSumGaugeValuesOfEitherSignClampedAtEachAddition(
        @ForAll @Size(min = 1, max = 8) final List<@From("anySign") Long> values)
    {
        check("optimization_improvement", values, value -> engine.gauge("optimization_improvement").set(value));
    }

    private void check(final String metric, final List<Long> values, final java.util.function.LongConsumer record)
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
        final Stats stats = engine.stats(metric,
            TimeRange.between(Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(startMs + 1_000)));
        assertEquals(values.size(), stats.count());
        assertEquals(model.longValueExact(), stats.sum(), values::toString);
        assertEquals(values.stream().mapToLong(Long::longValue).min().orElseThrow(), stats.min());
        assertEquals(values.stream().mapToLong(Long::longValue).max().orElseThrow(), stats.max());
        final long counted = engine.selfMetric(SelfMetric.VALUES_SATURATED) - saturatedBefore;
        final long rawSaturated = saturated;
        assertTrue(counted >= rawSaturated, () -> values + ": counted " + counted + ", raw bucket saturated " + rawSaturated);
    }

    @Provide
    Arbitrary<Long> nonNegative()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.longs().between(Long.MAX_VALUE - 1_000, Long.MAX_VALUE),
            Arbitraries.longs().between(0, 1_000),
            Arbitraries.of(Long.MAX_VALUE / 2 + 1, 5_000_000_000_000_000_000L));
    }

    @Provide
    Arbitrary<Long> anySign()
    {
        return Arbitraries.oneOf(nonNegative(), nonNegative().map(v -> -v),
            Arbitraries.longs().between(Long.MIN_VALUE, Long.MIN_VALUE + 1_000));
    }
}

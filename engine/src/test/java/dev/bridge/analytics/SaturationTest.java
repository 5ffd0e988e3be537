package dev.bridge.analytics;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.export.ExportFormat;
import dev.bridge.analytics.pipeline.SelfMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sums past the 64-bit range stop at the bound instead of wrapping, in the raw buckets, the rollups, across a restart
 * and in the exports, and each saturated addition is counted in {@code engine_values_saturated}.
 */
class SaturationTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long HUGE = 5_000_000_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void shouldSaturateACounterSumInsteadOfWrappingAndStillExportIt() throws IOException
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), new ManualClock(T0)))
        {
            engine.counter("cache_hit").add(HUGE);
            engine.counter("cache_hit").add(HUGE);
            engine.flush();

            final Stats stats = engine.queries().stats("cache_hit", TimeRange.ALL);
            assertEquals(2, stats.count());
            assertEquals(Long.MAX_VALUE, stats.sum());
            assertNull(stats.mean(), "a mean of a saturated sum would look exact and be wrong");
            assertNull(stats.stddev(), "likewise the deviation");
            assertEquals(HUGE, stats.min());
            assertEquals(HUGE, stats.max());
            assertEquals(1, engine.selfMetric(SelfMetric.VALUES_SATURATED));
            final String prometheus = export(engine, ExportFormat.PROMETHEUS);
            assertTrue(prometheus.contains("\ndspex_cache_hit_total 9.223372036854776E18\n"), prometheus);
            final String openMetrics = export(engine, ExportFormat.OPENMETRICS);
            assertTrue(openMetrics.contains("\ndspex_cache_hit_total 9.223372036854776E18\n"), openMetrics);
        }
    }

    @Test
    void shouldKeepASaturatedSumAtTheBoundInTheRollupsAndAcrossARestart()
    {
        final ManualClock clock = new ManualClock(T0);
        try (AnalyticsEngine first = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            first.counter("cache_hit").add(HUGE);
            first.flush();
            clock.set(T0 + 1_000); // the next raw bucket: the rollup folds the first one
            first.counter("cache_hit").add(HUGE);
            first.flush();
            assertEquals(Long.MAX_VALUE, first.queries().stats("cache_hit", TimeRange.ALL).sum(), "rollup");
            assertEquals(HUGE, first.queries().stats("cache_hit", second(T0 + 1_000)).sum(), "raw");
        }
        clock.set(T0 + 1_500); // same raw bucket: the rollup reopens with the raw bucket subtracted
        try (AnalyticsEngine second = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            second.counter("cache_hit").add(1);
            second.flush();
            assertEquals(Long.MAX_VALUE, second.queries().stats("cache_hit", TimeRange.ALL).sum(), "rollup");
            assertEquals(HUGE + 1, second.queries().stats("cache_hit", second(T0 + 1_000)).sum(), "raw");
            assertEquals(3, second.queries().stats("cache_hit", TimeRange.ALL).count());
            clock.set(T0 + 2_000);
            second.counter("cache_hit").add(1); // the raw bucket is folded into both saturated rollups and the totals: counted
            second.flush();
            assertEquals(Long.MAX_VALUE, second.queries().stats("cache_hit", TimeRange.ALL).sum(), "rollup");
            assertEquals(3, second.selfMetric(SelfMetric.VALUES_SATURATED),
                "one fold per rollup resolution (1 min, 1 h) and one into the running totals");
        }
    }

    @Test
    void shouldSaturateAGaugeSumAtTheNegativeBoundAndMoveOffItWithAPositiveValue()
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), new ManualClock(T0)))
        {
            final GaugeHandle improvement = engine.gauge("optimization_improvement");
            improvement.set(-HUGE);
            improvement.set(-HUGE);
            engine.flush();
            assertEquals(Long.MIN_VALUE, engine.queries().stats("optimization_improvement", TimeRange.ALL).sum());
            improvement.set(5);
            engine.flush();
            final Stats stats = engine.queries().stats("optimization_improvement", TimeRange.ALL);
            assertEquals(Long.MIN_VALUE + 5, stats.sum());
            assertEquals(-HUGE, stats.min());
            assertEquals(5L, stats.last());
            assertEquals(1, engine.selfMetric(SelfMetric.VALUES_SATURATED));
        }
    }

    @Test
    void shouldRejectAndCountAGaugeSetToADoubleOutsideTheRangeOfALong()
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), new ManualClock(T0)))
        {
            final GaugeHandle improvement = engine.gauge("optimization_improvement");
            improvement.set(1e300);
            improvement.set(-0x1p63 * 2);
            improvement.set(-0x1p63); // Long.MIN_VALUE itself fits
            engine.flush();
            assertEquals(2, engine.selfMetric(SelfMetric.EVENTS_REJECTED));
            assertEquals(Long.MIN_VALUE, engine.queries().stats("optimization_improvement", TimeRange.ALL).last());
        }
    }

    private static TimeRange second(final long startMs)
    {
        return TimeRange.between(Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(startMs + 1_000));
    }

    private static String export(final AnalyticsEngine engine, final ExportFormat format) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.queries().export(format, TimeRange.ALL, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}

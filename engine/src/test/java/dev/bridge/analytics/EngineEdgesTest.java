package dev.bridge.analytics;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.series.SeriesRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cardinality overflow, a full store, use after close, and the engine's own sampled gauges. */
class EngineEdgesTest
{
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void shouldSendLabelSetsPastTheLimitToTheOverflowSeriesAndKeepTotalsExact()
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b.labelCardinalityLimit(2))))
        {
            for (int i = 0; i < 5; i++)
            {
                engine.counter("grpc_error", "code", "code-" + i).add(i + 1);
            }
            engine.counter("grpc_error", "code", "code-0").add(10); // an existing series is not redirected
            engine.flush();
            assertEquals(3, engine.selfMetric(SelfMetric.SERIES_OVERFLOWED));
            assertEquals(25, engine.queries().stats("grpc_error", TimeRange.ALL).sum());
            assertEquals(11, engine.queries().stats("grpc_error", Map.of("code", "code-0"), TimeRange.ALL).sum());
            assertEquals(3 + 4 + 5,
                engine.queries().stats("grpc_error", Map.of("code", SeriesRegistry.OVERFLOW_VALUE), TimeRange.ALL).sum());
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldFailFlushWithTheStoreErrorWhenTheStoreIsFull()
    {
        final ManualClock clock = new ManualClock(T0);
        final AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b.storeEntries(100)), clock);
        final GaugeHandle sessions = engine.gauge("active_sessions");
        for (int second = 0; second < 20_000; second++)
        {
            sessions.setAt(second, T0 - (second % 3_000) * 1000L - second / 3_000); // many buckets within raw_retention
        }
        final String expected = "analytics-pipeline cannot commit to the store (kept in memory, retried): ";
        final IllegalStateException ex = assertThrows(IllegalStateException.class, engine::flush);
        assertTrue(ex.getMessage().startsWith(expected), ex.getMessage());
        assertTrue(engine.selfMetric(SelfMetric.HANDLER_ERRORS) > 0);
        // close cannot commit either: it says so, and still stops the consumer and releases the directory
        assertTrue(assertThrows(IllegalStateException.class, engine::close).getMessage().startsWith(expected));
        try (AnalyticsEngine reopened = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b.storeEntries(100))))
        {
            assertFalse(reopened.recoveredStore(), "the failed close still released the directory cleanly");
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldNeverBlockAHandleUsedAfterClose()
    {
        final AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b.ringSize(64)));
        final CounterHandle reads = engine.counter("variable_read");
        final HistogramHandle latency = engine.histogram("read_latency_us");
        reads.increment();
        engine.close();
        for (int i = 0; i < 10_000; i++)
        {
            reads.increment(); // per-thread cells: nobody folds them any more
            latency.record(100); // a full ring with no consumer would block forever with the block policy
        }
        assertThrows(IllegalStateException.class, () -> engine.queries().stats("variable_read", TimeRange.ALL));
        try (AnalyticsEngine reopened = AnalyticsEngine.start(TestConfigs.inDirectory(dir)))
        {
            assertEquals(1, reopened.queries().stats("variable_read", TimeRange.ALL).count());
        }
    }

    @Test
    void shouldSampleResourceGaugesAndRecordSelfMetricsAsGauges()
    {
        final ManualClock clock = new ManualClock(T0);
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir,
            b -> b.resourceSamplingInterval(Duration.ofSeconds(1))), clock))
        {
            final CounterHandle reads = engine.counter("variable_read");
            for (int i = 0; i < 1000; i++)
            {
                reads.increment();
            }
            engine.flush();
            clock.set(T0 + 1000); // the next sampling tick
            engine.flush();
            reads.increment();
            engine.flush();
            final Stats memory = engine.queries().stats("memory_usage_mb", TimeRange.ALL);
            assertTrue(memory.count() >= 1, "memory sampled");
            assertTrue(memory.max() > 0, "heap in use");
            assertTrue(engine.queries().stats("process_count", TimeRange.ALL).max() >= 2, "threads: main and the consumer");
            assertNotNull(engine.queries().stats("ets_memory_mb", TimeRange.ALL).last());
            assertEquals(1000L, engine.queries().stats("engine_events_aggregated", TimeRange.ALL).max());
            assertEquals(1001, engine.queries().stats("variable_read", TimeRange.ALL).count());
        }
    }
}

package dev.bridge.analytics;

import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invalid values are rejected and counted, never thrown; values above a histogram's {@code highest} are kept; bad
 * handle requests fail at resolution with a message.
 */
class BadValuesTest
{
    @TempDir
    Path dir;
    private AnalyticsEngine engine;

    @BeforeEach
    void start()
    {
        engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir));
    }

    @AfterEach
    void stop()
    {
        engine.close();
    }

    @Test
    void shouldRejectAndCountInvalidValuesWithoutLosingValidOnes()
    {
        final HistogramHandle latency = engine.histogram("read_latency_us");
        final CounterHandle reads = engine.counter("variable_read");
        final GaugeHandle improvement = engine.gauge("optimization_improvement");

        latency.record(Double.NaN);
        latency.record(Double.POSITIVE_INFINITY);
        latency.record(-1);
        latency.record(60_000_001L); // above highest: kept
        latency.record(60_000_000L); // highest itself
        latency.record(12.6);        // rounds to 13
        reads.add(-5);
        reads.add(3);
        improvement.set(Double.NaN);
        improvement.set(-250);       // gauges may be negative
        engine.flush();

        assertEquals(5, engine.selfMetric(SelfMetric.EVENTS_REJECTED));
        assertEquals(5, engine.selfMetric(SelfMetric.EVENTS_AGGREGATED));
        assertEquals(10, engine.eventsPublished());
        final Stats latencyStats = engine.queries().stats("read_latency_us", TimeRange.ALL);
        assertEquals(3, latencyStats.count());
        assertEquals(120_000_014L, latencyStats.sum());
        assertEquals(13L, latencyStats.min());
        assertEquals(60_000_001L, latencyStats.max());
        assertEquals(3, engine.queries().stats("variable_read", TimeRange.ALL).sum());
        assertEquals(-250L, engine.queries().stats("optimization_improvement", TimeRange.ALL).last());
    }

    @Test
    void shouldNameTheKnownMetricsWhenTheNameIsUnknown()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> engine.counter("variable_reed"));
        assertTrue(ex.getMessage().startsWith("unknown metric 'variable_reed'; known metrics: variable_read, "), ex.getMessage());
    }

    @Test
    void shouldRefuseAHandleOfTheWrongType()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> engine.counter("read_latency_us"));
        assertEquals("metric 'read_latency_us' is a histogram, not a counter", ex.getMessage());
    }

    @Test
    void shouldRefuseUnknownLabelsAndOddPairs()
    {
        assertEquals("metric 'operation_error' has no label 'op'; its labels: [operation]",
            assertThrows(IllegalArgumentException.class, () -> engine.counter("operation_error", "op", "read")).getMessage());
        assertEquals("labels of 'operation_error' must come in name, value pairs; got 1 strings",
            assertThrows(IllegalArgumentException.class, () -> engine.counter("operation_error", "operation")).getMessage());
    }

    @Test
    void shouldRefuseHandlesOfEngineMetrics()
    {
        assertEquals("metric 'engine_events_dropped' is recorded by the engine itself",
            assertThrows(IllegalArgumentException.class, () -> engine.gauge("engine_events_dropped")).getMessage());
    }
}

package dev.bridge.analytics.ingest.telemetry;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 13 telemetry events of the specification (Stage 4.4, section 9), by its names, in the bundled configuration:
 * each is emitted twice and every catalog metric is checked, the ones it feeds to the exact count and sum (and, for
 * gauges and histograms, min, max and last value: a counter folds its adds per thread, so it keeps no per-add min,
 * max or last), all the others to record nothing.
 */
class SpecEventsTest
{
    private static final long NOW_MS = 1_700_000_000_000L;

    /** The specification's list, in its order. */
    static final List<String> SPEC_EVENTS = List.of(
        "dspex.bridge.variable.read", "dspex.bridge.variable.write", "dspex.bridge.variable.delete",
        "dspex.bridge.cache.hit", "dspex.bridge.cache.miss", "dspex.bridge.cache.eviction",
        "dspex.optimization.started", "dspex.optimization.progress", "dspex.optimization.completed",
        "dspex.optimization.failed",
        "dspex.bridge.session.created", "dspex.bridge.session.terminated", "dspex.bridge.error");

    @TempDir
    Path dir;

    private AnalyticsEngine engine;

    /** One event: how it is emitted twice, and what each metric it feeds holds afterwards. */
    record Case(String event, Consumer<TelemetryEvent> emitTwice, Map<String, String> fed)
    {
        @Override
        public String toString()
        {
            return event;
        }
    }

    static Stream<Case> cases()
    {
        return Stream.of(
            new Case("dspex.bridge.variable.read", e -> { e.emit(1_500_000, "string"); e.emit(2_000_000, "float"); },
                fed("variable_read", "count=2 sum=2",
                    "read_latency_us", "count=2 sum=3500 min=1500 max=2000 last=2000")),
            new Case("dspex.bridge.variable.write", e -> { e.emit(4_000_000, "string"); e.emit(250_400, "module"); },
                fed("variable_write", "count=2 sum=2",
                    "write_latency_us", "count=2 sum=4250 min=250 max=4000 last=250")),
            new Case("dspex.bridge.variable.delete", e -> { e.emit(1); e.emit(2); },
                fed("variable_delete", "count=2 sum=3")),
            new Case("dspex.bridge.cache.hit", e -> { e.emit(1); e.emit(4); },
                fed("cache_hit", "count=2 sum=5")),
            new Case("dspex.bridge.cache.miss", e -> { e.emit(2); e.emit(1); },
                fed("cache_miss", "count=2 sum=3")),
            new Case("dspex.bridge.cache.eviction", e -> { e.emit(3, "capacity"); e.emit(4, "ttl"); },
                fed("cache_eviction", "count=2 sum=7")),
            new Case("dspex.optimization.started", e -> { e.emit(1); e.emit(1); },
                fed("optimization_started", "count=2 sum=2")),
            new Case("dspex.optimization.progress", e -> { e.emit(120); e.emit(-35); },
                fed("optimization_improvement", "count=2 sum=85 min=-35 max=120 last=-35")),
            new Case("dspex.optimization.completed", e -> { e.emit(2.5e9); e.emit(1.5e9); },
                fed("optimization_completed", "count=2 sum=2",
                    "optimization_duration_ms", "count=2 sum=4000 min=1500 max=2500 last=1500")),
            new Case("dspex.optimization.failed", e -> { e.emit(3e9, "timeout"); e.emit(1e9, "error"); },
                fed("optimization_failed", "count=2 sum=2",
                    "optimization_duration_ms", "count=2 sum=4000 min=1000 max=3000 last=1000")),
            new Case("dspex.bridge.session.created", e -> { e.emit(5); e.emit(6); },
                fed("session_created", "count=2 sum=2",
                    "active_sessions", "count=2 sum=11 min=5 max=6 last=6")),
            new Case("dspex.bridge.session.terminated", e -> { e.emit(5, "closed"); e.emit(4, "timeout"); },
                fed("session_terminated", "count=2 sum=2",
                    "active_sessions", "count=2 sum=9 min=4 max=5 last=4")),
            new Case("dspex.bridge.error", e -> { e.emit(1, "read", "error"); e.emit(1, "write", "timeout"); },
                fed("operation_error", "count=1 sum=1",
                    "timeout_error", "count=1 sum=1")));
    }

    @AfterEach
    void stop()
    {
        if (engine != null)
        {
            engine.close();
        }
    }

    @Test
    void shouldShipTheSpecificationsThirteenEventsByItsNamesAndOnlyTheGrpcCallBeyond()
    {
        final Telemetry telemetry = Telemetry.of(start());
        assertTrue(telemetry.eventNames().containsAll(SPEC_EVENTS), telemetry.eventNames().toString());
        assertEquals(SPEC_EVENTS.size() + 1, telemetry.eventNames().size(), telemetry.eventNames().toString());
        assertTrue(telemetry.eventNames().contains("dspex.bridge.grpc.call"), telemetry.eventNames().toString());
        assertEquals(SPEC_EVENTS, cases().map(Case::event).toList(), "one case per event, in the spec's order");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldRecordExactlyWhatEachSpecEventFeedsAndNothingElse(final Case c)
    {
        final Telemetry telemetry = Telemetry.of(start());
        c.emitTwice().accept(telemetry.event(c.event()));
        engine.flush();
        assertEquals(0, telemetry.badEmits());
        assertEquals(0, telemetry.detachedMappings());
        for (final MetricDefinition m : engine.config().metrics())
        {
            final Stats stats = engine.queries().stats(m.name(), TimeRange.ALL);
            final String nothing =
                m.type() == MetricType.COUNTER ? "count=0 sum=0" : "count=0 sum=0 min=null max=null last=null";
            final String expected = c.fed().getOrDefault(m.name(), nothing);
            assertEquals(expected, describe(m, stats), c.event() + " -> " + m.name());
        }
    }

    @Test
    void shouldLabelTheErrorEventsCountsByOperationAndKeepTimeoutsApart()
    {
        final TelemetryEvent error = Telemetry.of(start()).event("dspex.bridge.error");
        error.emit(1, "read", "error");
        error.emit(1, "read", "error");
        error.emit(1, "read", "timeout");
        error.emit(1, "write", "error");
        engine.flush();
        assertEquals(2, engine.queries().stats("operation_error", Map.of("operation", "read"), TimeRange.ALL).sum());
        assertEquals(1, engine.queries().stats("operation_error", Map.of("operation", "write"), TimeRange.ALL).sum());
        assertEquals(1, engine.queries().stats("timeout_error", Map.of("operation", "read"), TimeRange.ALL).sum());
        assertEquals(0, engine.queries().stats("timeout_error", Map.of("operation", "write"), TimeRange.ALL).count());
    }

    private static Map<String, String> fed(final String... metricAndStats)
    {
        final Map<String, String> fed = new LinkedHashMap<>();
        for (int i = 0; i < metricAndStats.length; i += 2)
        {
            fed.put(metricAndStats[i], metricAndStats[i + 1]);
        }
        return fed;
    }

    private static String describe(final MetricDefinition m, final Stats s)
    {
        final String totals = "count=" + s.count() + " sum=" + s.sum();
        return m.type() == MetricType.COUNTER
            ? totals : totals + " min=" + s.min() + " max=" + s.max() + " last=" + s.last();
    }

    private AnalyticsEngine start()
    {
        final EngineConfig config = EngineConfig.defaults().withEngine(b -> b
            .dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000));
        engine = AnalyticsEngine.start(config, () -> NOW_MS);
        return engine;
    }
}

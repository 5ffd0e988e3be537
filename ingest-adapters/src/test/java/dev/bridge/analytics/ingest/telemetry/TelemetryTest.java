package dev.bridge.analytics.ingest.telemetry;

import com.sun.management.ThreadMXBean;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.TelemetryEventMapping;
import dev.bridge.analytics.config.TelemetryMetricMapping;
import dev.bridge.analytics.config.TelemetryMetricType;
import dev.bridge.analytics.config.TelemetrySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Telemetry events of the bundled configuration (and some built in code) emitted into an engine. */
class TelemetryTest
{
    private static final long NOW_MS = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private AnalyticsEngine engine;

    @AfterEach
    void stop()
    {
        if (engine != null)
        {
            engine.close();
        }
    }

    @Test
    void shouldBindEveryMappingOfTheFourteenBundledEvents()
    {
        final Telemetry telemetry = Telemetry.of(start(config()));
        assertEquals(14, telemetry.eventNames().size(), "the specification's 13 and dspex.bridge.grpc.call");
        assertTrue(telemetry.eventNames().containsAll(SpecEventsTest.SPEC_EVENTS), telemetry.eventNames().toString());
        for (final String name : telemetry.eventNames())
        {
            assertEquals(name, telemetry.event(name).name());
        }
        assertEquals(0, telemetry.detachedMappings());
        assertSame(telemetry.event("dspex.bridge.variable.read"), telemetry.event("dspex.bridge.variable.read"));
    }

    @Test
    void shouldCountSumSetAndRecordConvertingTheMeasurementsUnit()
    {
        final Telemetry telemetry = Telemetry.of(start(config()));
        final TelemetryEvent read = telemetry.event("dspex.bridge.variable.read");
        read.emit(1_500_000, "string");
        read.emit(2_000_000, "float");
        read.emit(250_400, "string");
        telemetry.event("dspex.bridge.session.created").emit(5);
        telemetry.event("dspex.bridge.session.created").emit(6);
        telemetry.event("dspex.bridge.cache.eviction").emit(3, "capacity");
        telemetry.event("dspex.optimization.completed").emit(2.5e9);
        assertEquals(3, stats("variable_read").sum());
        final Stats latency = stats("read_latency_us");
        assertEquals(3, latency.count());
        assertEquals(1500 + 2000 + 250, latency.sum(), "nanoseconds to microseconds, rounded");
        assertEquals(2, stats("session_created").sum());
        assertEquals(6L, stats("active_sessions").last());
        assertEquals(3, stats("cache_eviction").sum());
        assertEquals(1, stats("optimization_completed").sum());
        assertEquals(2500, stats("optimization_duration_ms").sum());
    }

    @Test
    void shouldKeepTagsAsLabelsAndFilterWithKeepAndDrop()
    {
        final Telemetry telemetry = Telemetry.of(start(config()));
        final TelemetryEvent failed = telemetry.event("dspex.bridge.error");
        failed.emit(1, "read", "error");
        failed.emit(1, "read", "timeout");
        failed.emit(1, "write", "error");
        failed.emit(1, "write", "error");
        final TelemetryEvent call = telemetry.event("dspex.bridge.grpc.call");
        call.emit(2_000_000, "OK", "GetVariable");
        call.emit(3_000_000, "UNAVAILABLE", "GetVariable");
        engine.flush();
        assertEquals(1, engine.queries().stats("operation_error", Map.of("operation", "read"), TimeRange.ALL).sum());
        assertEquals(2, engine.queries().stats("operation_error", Map.of("operation", "write"), TimeRange.ALL).sum());
        assertEquals(1, engine.queries().stats("timeout_error", Map.of("operation", "read"), TimeRange.ALL).sum());
        assertEquals(1, stats("timeout_error").sum());
        assertEquals(5000, stats("grpc_latency_us").sum());
        assertEquals(1, engine.queries().stats("grpc_error", Map.of("code", "UNAVAILABLE"), TimeRange.ALL).sum());
        assertEquals(1, stats("grpc_error").sum(), "OK calls are dropped");
    }

    @Test
    void shouldRefuseAnUnknownEventAtResolution()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Telemetry.of(start(config())).event("dspex.bridge.nope"));
        assertTrue(e.getMessage().startsWith("unknown telemetry event 'dspex.bridge.nope'; known events: " +
            "dspex.bridge.variable.read, dspex.bridge.variable.write,"), e.getMessage());
    }

    @Test
    void shouldCountAndIgnoreEmitsWithTheWrongNumberOfTags()
    {
        final Telemetry telemetry = Telemetry.of(start(config()));
        telemetry.event("dspex.bridge.variable.read").emit(1_000);
        telemetry.event("dspex.bridge.variable.read").emit(1_000, "a", "b");
        telemetry.event("dspex.bridge.cache.hit").emit(1, "x");
        telemetry.event("dspex.bridge.grpc.call").emit(1, "OK", "m", "extra");
        assertEquals(4, telemetry.badEmits());
        assertEquals(0, stats("variable_read").count());
        assertEquals(0, stats("cache_hit").count());
    }

    @Test
    void shouldDetachAMappingThatCannotBeBoundAndKeepTheOthers()
    {
        final Telemetry telemetry = Telemetry.of(start(config().withTelemetry(new TelemetrySettings(List.of(
            new TelemetryEventMapping("app.job.done", "duration", "milliseconds", List.of(), List.of(
                new TelemetryMetricMapping("no_such_metric", TelemetryMetricType.COUNTER),
                new TelemetryMetricMapping("active_sessions", TelemetryMetricType.COUNTER),
                new TelemetryMetricMapping("optimization_duration_ms", TelemetryMetricType.DISTRIBUTION))))))));
        final TelemetryEvent done = telemetry.event("app.job.done");
        assertEquals(2, telemetry.detachedMappings());
        done.emit(42);
        assertEquals(42, stats("optimization_duration_ms").sum());
    }

    @Test
    void shouldDetachAMappingThatFailsWhileEmittingAndKeepTheOthers()
    {
        final Telemetry telemetry = Telemetry.of(start(config()));
        final TelemetryEvent failed = telemetry.event("dspex.bridge.error");
        failed.emit(1, "bad\u001Fvalue", "error"); // not a valid label value: the series cannot be created
        assertEquals(1, telemetry.detachedMappings());
        failed.emit(1, "read", "error");
        failed.emit(1, "read", "timeout");
        assertEquals(0, stats("operation_error").count(), "the detached mapping records nothing");
        assertEquals(1, stats("timeout_error").sum());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldAllocateNothingPerEmitOnceTagValuesAreResolved()
    {
        final Telemetry telemetry = Telemetry.of(start(config()));
        final TelemetryEvent read = telemetry.event("dspex.bridge.variable.read");
        final TelemetryEvent hit = telemetry.event("dspex.bridge.cache.hit");
        final TelemetryEvent failed = telemetry.event("dspex.bridge.error");
        final TelemetryEvent call = telemetry.event("dspex.bridge.grpc.call");
        final String[] types = { "string", "float", "module" };
        final String[] operations = { "read", "write" };
        final String[] kinds = { "error", "timeout" };
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        emit(read, hit, failed, call, types, operations, kinds, 2_000_000);
        final List<Long> windows = new ArrayList<>();
        boolean allocationFree = false;
        while (!allocationFree && windows.size() < 8)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            emit(read, hit, failed, call, types, operations, kinds, 1_000_000);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            windows.add(allocated);
            allocationFree = allocated == 0;
        }
        assertTrue(allocationFree, "no allocation-free window of 1000000 emits: " + windows + " B");
        assertEquals(0, telemetry.detachedMappings());
        assertEquals((2_000_000L + windows.size() * 1_000_000L) / 4, stats("variable_read").sum());
    }

    private static void emit(
        final TelemetryEvent read, final TelemetryEvent hit, final TelemetryEvent failed, final TelemetryEvent call,
        final String[] types, final String[] operations, final String[] kinds, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            switch (i & 3)
            {
                case 0 -> read.emit(100_000 + (i & 0xFFFF), types[i % 3]);
                case 1 -> hit.emit(1);
                case 2 -> failed.emit(1, operations[i & 1], kinds[(i >> 1) & 1]);
                default -> call.emit(1_000_000, (i & 4) == 0 ? "OK" : "UNAVAILABLE", "GetVariable");
            }
        }
    }

    private EngineConfig config()
    {
        return EngineConfig.defaults().withEngine(b -> b
            .dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000));
    }

    private AnalyticsEngine start(final EngineConfig config)
    {
        engine = AnalyticsEngine.start(config, () -> NOW_MS);
        return engine;
    }

    private Stats stats(final String metric)
    {
        engine.flush();
        return engine.queries().stats(metric, TimeRange.ALL);
    }
}

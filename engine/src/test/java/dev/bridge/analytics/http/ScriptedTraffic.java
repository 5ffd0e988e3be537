package dev.bridge.analytics.http;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.EngineConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * An engine on a settable clock with DSPex traffic in three phases at known times, recorded through the public API;
 * the HTTP tests compute their expected bodies from it by hand.
 * <pre>
 * phase A at T - 30 s: reads 60, writes 20, deletes 5, read latencies 1..50, write latencies 100..1000 step 100,
 *                      hits 45, misses 5, read errors 2, 1 gRPC error (UNAVAILABLE), sessions 7          (68 events)
 * phase B at T - 10 s: reads 30, hits 30, misses 10, sessions 5                                          (4 events)
 * phase C at T + 0.5 s (NOW): reads 60, read latencies 51..100, write latencies 1100..2000 step 100, hits 45,
 *                      misses 5, 1 write error, 1 write timeout, sessions 9                              (66 events)
 * </pre>
 * The clock is left at {@link #NOW}, everything flushed.
 */
final class ScriptedTraffic
{
    /** A whole minute, so that ranges and intervals line up with it. */
    static final long T = 1_700_000_040_000L;
    static final long NOW = T + 500;
    static final long PHASE_A = T - 30_000;
    static final long PHASE_B = T - 10_000;
    /** Events published by the three phases. */
    static final long EVENTS = 68 + 4 + 66;

    private ScriptedTraffic()
    {
    }

    /** The default catalog in {@code dir}, resource sampling off (the test controls every value). */
    static EngineConfig config(final Path dir)
    {
        return EngineConfig.defaults().withEngine(b ->
            b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000));
    }

    /** @return a started engine on {@code clock} holding the three phases. */
    static AnalyticsEngine start(final Path dir, final ManualClock clock)
    {
        clock.set(PHASE_A);
        final AnalyticsEngine engine = AnalyticsEngine.start(config(dir), clock);
        try
        {
            record(engine, clock);
            return engine;
        }
        catch (final RuntimeException ex)
        {
            engine.close();
            throw ex;
        }
    }

    private static void record(final AnalyticsEngine engine, final ManualClock clock)
    {
        clock.set(PHASE_A);
        engine.counter("variable_read").add(60);
        engine.counter("variable_write").add(20);
        engine.counter("variable_delete").add(5);
        for (int v = 1; v <= 50; v++)
        {
            engine.histogram("read_latency_us").record(v);
        }
        for (int v = 100; v <= 1000; v += 100)
        {
            engine.histogram("write_latency_us").record(v);
        }
        engine.counter("cache_hit").add(45);
        engine.counter("cache_miss").add(5);
        engine.counter("operation_error", "operation", "read").add(2);
        engine.counter("grpc_error", "code", "UNAVAILABLE").increment();
        engine.gauge("active_sessions").set(7);
        engine.flush();

        clock.set(PHASE_B);
        engine.counter("variable_read").add(30);
        engine.counter("cache_hit").add(30);
        engine.counter("cache_miss").add(10);
        engine.gauge("active_sessions").set(5);
        engine.flush();

        clock.set(NOW);
        engine.counter("variable_read").add(60);
        for (int v = 51; v <= 100; v++)
        {
            engine.histogram("read_latency_us").record(v);
        }
        for (int v = 1100; v <= 2000; v += 100)
        {
            engine.histogram("write_latency_us").record(v);
        }
        engine.counter("cache_hit").add(45);
        engine.counter("cache_miss").add(5);
        engine.counter("operation_error", "operation", "write").increment();
        engine.counter("timeout_error", "operation", "write").increment();
        engine.gauge("active_sessions").set(9);
        engine.flush();
    }
}

package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.EngineConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the store the query tests read, through an engine whose clock the test sets: near the real time, so that
 * the reader's relative ranges (system clock) cover it.
 * <pre>
 * at B (a whole minute, 2 minutes before the current one): read_latency_us 1..100, variable_read 100, cache_hit 90,
 *                                                          cache_miss 10, operation_error{read} 2, {write} 3,
 *                                                          active_sessions 5
 * at B + 10 s:                                             read_latency_us 101..200, variable_read 50,
 *                                                          active_sessions 8
 * </pre>
 */
final class QueryStore
{
    private QueryStore()
    {
    }

    /** @return B. */
    static long startMs()
    {
        final long now = System.currentTimeMillis();
        return now - Math.floorMod(now, 60_000L) - 120_000L;
    }

    /** @return the configuration of an engine writing {@code dir}: defaults, resource sampling off. */
    static EngineConfig config(final Path dir)
    {
        return EngineConfig.defaults().withEngine(
            b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000));
    }

    /**
     * Writes the workload into {@code dir} with an engine of its own, closed before returning.
     *
     * @return B.
     */
    static long writeClosed(final Path dir)
    {
        final long startMs = startMs();
        final AtomicLong clock = new AtomicLong(startMs);
        try (AnalyticsEngine engine = AnalyticsEngine.start(config(dir), clock::get))
        {
            write(engine, clock, startMs);
        }
        return startMs;
    }

    /** Writes the workload into {@code dir} with {@code engine}, clock at B then B + 10 s, flushed. */
    static void write(final AnalyticsEngine engine, final AtomicLong clock, final long startMs)
    {
        clock.set(startMs);
        for (int v = 1; v <= 100; v++)
        {
            engine.histogram("read_latency_us").record(v);
        }
        engine.counter("variable_read").add(100);
        engine.counter("cache_hit").add(90);
        engine.counter("cache_miss").add(10);
        engine.counter("operation_error", "operation", "read").add(2);
        engine.counter("operation_error", "operation", "write").add(3);
        engine.gauge("active_sessions").set(5);
        engine.flush();

        clock.set(startMs + 10_000);
        for (int v = 101; v <= 200; v++)
        {
            engine.histogram("read_latency_us").record(v);
        }
        engine.counter("variable_read").add(50);
        engine.gauge("active_sessions").set(8);
        engine.flush();
    }
}

package dev.bridge.analytics.export;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A workload over every metric of the default catalog, plus {@value #ESCAPING_METRIC} whose label values need
 * escaping, recorded at known times through the public API (resource sampling off: the test sets every gauge).
 * <pre>
 * at A = S + 10 s:  variable_read 1000, variable_write 100, variable_delete 3, cache_hit 900, cache_miss 100,
 *                   cache_eviction 7, optimization_started 3, optimization_completed 2, optimization_failed 1,
 *                   session_created 5, session_terminated 2, operation_error{read} 2, {write} 3,
 *                   grpc_error{UNAVAILABLE} 4, timeout_error{optimize} 1, read_latency_us 1..100,
 *                   write_latency_us 100, 200, ..., 2000, grpc_latency_us 2500 and 1000000,
 *                   optimization_duration_ms 100 and 300, optimization_improvement 250, active_sessions 7,
 *                   memory_usage_mb 512, process_count 40, ets_memory_mb 64, http_error{path=TRICKY} 1
 * at B = S + 70 s:  variable_read 500, read_latency_us 5000, optimization_duration_ms 200,
 *                   optimization_improvement -25, active_sessions 9, memory_usage_mb 600, http_error{path=TRICKY} 2,
 *                   http_error{path="/plain"} 5
 * now = S + 100 s
 * </pre>
 */
final class ExportWorkload
{
    /** A whole hour: ALL reads hourly buckets, and every value lands in the hour starting at S. */
    static final long S = 1_700_002_800_000L;
    static final long A = S + 10_000;
    static final long B = S + 70_000;
    static final long NOW = S + 100_000;
    /** A counter with a label whose values need escaping in every format. */
    static final String ESCAPING_METRIC = "http_error";
    /** A label value with a backslash, a double quote, a line feed, a comma and a non-ASCII letter. */
    static final String TRICKY = "C:\\tmp \"quoted\"\nnext, é";

    private ExportWorkload()
    {
    }

    /** @return the default catalog plus {@value #ESCAPING_METRIC}, stored in {@code dir}, resource sampling off. */
    static EngineConfig config(final Path dir, final ExportSettings export)
    {
        final EngineConfig base = EngineConfig.defaults().withEngine(
            b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000));
        final List<MetricDefinition> metrics = new ArrayList<>(base.metrics());
        metrics.add(new MetricDefinition(ESCAPING_METRIC, MetricType.COUNTER, "requests",
            "HTTP requests that failed, by path (a help with a backslash \\ and\na line feed).", List.of("path"), null));
        return new EngineConfig(base.source(), base.engine(), metrics, export, base.http());
    }

    /** Records the workload, leaving the clock at {@link #NOW}, everything flushed. */
    static void run(final AnalyticsEngine engine, final ManualClock clock)
    {
        clock.set(A);
        engine.counter("variable_read").add(1000);
        engine.counter("variable_write").add(100);
        engine.counter("variable_delete").add(3);
        engine.counter("cache_hit").add(900);
        engine.counter("cache_miss").add(100);
        engine.counter("cache_eviction").add(7);
        engine.counter("optimization_started").add(3);
        engine.counter("optimization_completed").add(2);
        engine.counter("optimization_failed").add(1);
        engine.counter("session_created").add(5);
        engine.counter("session_terminated").add(2);
        engine.counter("operation_error", "operation", "read").add(2);
        engine.counter("operation_error", "operation", "write").add(3);
        engine.counter("grpc_error", "code", "UNAVAILABLE").add(4);
        engine.counter("timeout_error", "operation", "optimize").add(1);
        for (int v = 1; v <= 100; v++)
        {
            engine.histogram("read_latency_us").record(v);
        }
        for (int v = 100; v <= 2000; v += 100)
        {
            engine.histogram("write_latency_us").record(v);
        }
        engine.histogram("grpc_latency_us").record(2500);
        engine.histogram("grpc_latency_us").record(1_000_000);
        engine.histogram("optimization_duration_ms").record(100);
        engine.histogram("optimization_duration_ms").record(300);
        engine.gauge("optimization_improvement").set(250);
        engine.gauge("active_sessions").set(7);
        engine.gauge("memory_usage_mb").set(512);
        engine.gauge("process_count").set(40);
        engine.gauge("ets_memory_mb").set(64);
        engine.counter(ESCAPING_METRIC, "path", TRICKY).add(1);
        engine.flush();

        clock.set(B);
        engine.counter("variable_read").add(500);
        engine.histogram("read_latency_us").record(5000);
        engine.histogram("optimization_duration_ms").record(200);
        engine.gauge("optimization_improvement").set(-25);
        engine.gauge("active_sessions").set(9);
        engine.gauge("memory_usage_mb").set(600);
        engine.counter(ESCAPING_METRIC, "path", TRICKY).add(2);
        engine.counter(ESCAPING_METRIC, "path", "/plain").add(5);
        engine.flush();

        clock.set(NOW);
    }
}

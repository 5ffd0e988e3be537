package dev.bridge.analytics.dashboard;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;

import java.util.function.Consumer;

/**
 * A DSPex workload in three phases at known times, recorded through the public API with the clock set before each
 * phase; every dashboard figure below is computed by hand from it. Metrics the engine's catalog lacks are skipped.
 * <pre>
 * phase A at S - 90 s (outside LAST_MINUTE):  reads 1000, writes 100, hits 50, 1 read latency of 5000 us,
 *                                             3 runs started, 1 completed, 1 duration of 1000 ms,
 *                                             10 read errors, active_sessions 3
 * phase B at S - 30 s:                        reads 60, writes 20, deletes 5, read latencies 1..50,
 *                                             write latencies 100..1000 step 100, hits 45, misses 5, evictions 2,
 *                                             4 runs started, 1 completed, 1 failed, durations 100 and 300 ms,
 *                                             2 read errors, 1 gRPC error, sessions 7, memory 512, threads 40
 * phase C at S + 0.5 s (now):                 reads 60, read latencies 51..100, write latencies 1100..2000 step 100,
 *                                             hits 45, misses 5, 1 completed, a duration of 200 ms,
 *                                             1 write error, 1 write timeout, sessions 9, memory 600, threads 42
 * </pre>
 */
final class ScriptedWorkload
{
    /** A whole minute: LAST_MINUTE at NOW reads raw buckets [S - 59 s, S + 1 s), LAST_HOUR minutes up to S + 1 min. */
    static final long S = 1_700_000_040_000L;
    static final long NOW = S + 500;
    static final long PHASE_A = S - 90_000;
    static final long PHASE_B = S - 30_000;

    private ScriptedWorkload()
    {
    }

    /** Records the three phases, leaving the clock at {@link #NOW}, everything flushed. */
    static void run(final AnalyticsEngine engine, final ManualClock clock)
    {
        final Recorder r = new Recorder(engine);
        clock.set(PHASE_A);
        r.add("variable_read", 1000);
        r.add("variable_write", 100);
        r.add("cache_hit", 50);
        r.record("read_latency_us", 5000);
        r.add("optimization_started", 3);
        r.add("optimization_completed", 1);
        r.record("optimization_duration_ms", 1000);
        r.add("operation_error", 10, "operation", "read");
        r.set("active_sessions", 3);
        engine.flush();

        clock.set(PHASE_B);
        r.add("variable_read", 60);
        r.add("variable_write", 20);
        r.add("variable_delete", 5);
        r.recordRange("read_latency_us", 1, 50, 1);
        r.recordRange("write_latency_us", 100, 1000, 100);
        r.add("cache_hit", 45);
        r.add("cache_miss", 5);
        r.add("cache_eviction", 2);
        r.add("optimization_started", 4);
        r.add("optimization_completed", 1);
        r.add("optimization_failed", 1);
        r.record("optimization_duration_ms", 100);
        r.record("optimization_duration_ms", 300);
        r.add("operation_error", 2, "operation", "read");
        r.add("grpc_error", 1, "code", "UNAVAILABLE");
        r.set("active_sessions", 7);
        r.set("memory_usage_mb", 512);
        r.set("process_count", 40);
        engine.flush();

        clock.set(NOW);
        r.add("variable_read", 60);
        r.recordRange("read_latency_us", 51, 100, 1);
        r.recordRange("write_latency_us", 1100, 2000, 100);
        r.add("cache_hit", 45);
        r.add("cache_miss", 5);
        r.add("optimization_completed", 1);
        r.record("optimization_duration_ms", 200);
        r.add("operation_error", 1, "operation", "write");
        r.add("timeout_error", 1, "operation", "write");
        r.set("active_sessions", 9);
        r.set("memory_usage_mb", 600);
        r.set("process_count", 42);
        engine.flush();
    }

    /** Records through handles, skipping metrics the catalog lacks or has under another type. */
    private record Recorder(AnalyticsEngine engine)
    {
        void add(final String metric, final long amount, final String... labels)
        {
            when(metric, MetricType.COUNTER, m -> engine.counter(m, labels).add(amount));
        }

        void record(final String metric, final long value)
        {
            when(metric, MetricType.HISTOGRAM, m -> engine.histogram(m).record(value));
        }

        void recordRange(final String metric, final long first, final long last, final long step)
        {
            for (long v = first; v <= last; v += step)
            {
                record(metric, v);
            }
        }

        void set(final String metric, final long value)
        {
            when(metric, MetricType.GAUGE, m -> engine.gauge(m).set(value));
        }

        private void when(final String metric, final MetricType type, final Consumer<String> action)
        {
            if (engine.config().metric(metric).map(MetricDefinition::type).filter(t -> t == type).isPresent())
            {
                action.accept(metric);
            }
        }
    }
}

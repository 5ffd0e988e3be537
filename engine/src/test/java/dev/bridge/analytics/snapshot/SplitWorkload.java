package dev.bridge.analytics.snapshot;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A workload in two parts recorded at the same clock times: node A gets part 1, node B part 2, and the reference
 * engine C both (part 1, then part 2, at each step). Integer values, so sums of squares are exact in a double.
 * <pre>
 * steps at T0 + 0, 1, 2, 5, 30, 59, 60, 61, 90, 125 s (T0 a whole hour): raw buckets in minutes 0, 1 and 2
 * histograms:  read_latency_us, write_latency_us (no labels, no samples), optimization_duration_ms (exact_samples
 *              1000), job_duration_ms{queue} (exact_samples 20: at 61 s the two parts together overflow the window,
 *              at 90 s part 1 alone does), rpc_latency_us{method} (2 digits, method=put in part 2 only)
 * counters:    variable_read/write/delete, cache_*, optimization_*, operation_error{operation}, grpc_error{code}
 * gauges:      active_sessions and optimization_improvement (negative values too), set by both parts at every step
 * </pre>
 */
final class SplitWorkload
{
    /** A whole hour. */
    static final long T0 = 1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, 3_600_000L);
    static final long[] STEP_SEC = { 0, 1, 2, 5, 30, 59, 60, 61, 90, 125 };
    /** The clock after the last step. */
    static final long NOW = T0 + 125_500;

    private SplitWorkload()
    {
    }

    /** @return the default catalog plus two labelled histograms, stored in {@code dir}, resource sampling off. */
    static EngineConfig config(final Path dir)
    {
        return EngineConfig.defaults()
            .withEngine(b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000))
            .withMetricsAdded(List.of(
                new MetricDefinition("job_duration_ms", MetricType.HISTOGRAM, "milliseconds", "Jobs by queue.",
                    List.of("queue"), new HistogramSpec(1, 3_600_000, 3, 20)),
                new MetricDefinition("rpc_latency_us", MetricType.HISTOGRAM, "microseconds", "Calls by method.",
                    List.of("method"), new HistogramSpec(1, 60_000_000, 2))));
    }

    /** Records every step, the clock set before each and every engine flushed after it; leaves the clock at NOW. */
    static void run(final ManualClock clock, final AnalyticsEngine a, final AnalyticsEngine b, final AnalyticsEngine c)
    {
        for (int step = 0; step < STEP_SEC.length; step++)
        {
            clock.set(T0 + STEP_SEC[step] * 1000 + 200);
            record(a, step, 1);
            record(b, step, 2);
            record(c, step, 1);
            record(c, step, 2);
            a.flush();
            b.flush();
            c.flush();
        }
        clock.set(NOW);
    }

    /** Records part {@code part} (1 or 2) of step {@code step}: the same values whatever the engine. */
    static void record(final AnalyticsEngine engine, final int step, final int part)
    {
        final SplittableRandom random = new SplittableRandom(step * 10L + part);
        values(engine, "read_latency_us", random, 20, 1, 50_000);
        values(engine, "write_latency_us", random, 10, 1, 5_000_000);
        values(engine, "optimization_duration_ms", random, 3, 1, 3_600_000);
        final int jobsA = part == 1 && step == 7 ? 15 : part == 1 && step == 8 ? 25 : 8;
        values(engine, "job_duration_ms", random, jobsA, 1, 3_600_000, "queue", "a");
        values(engine, "job_duration_ms", random, 4, 1, 3_600_000, "queue", "b");
        values(engine, "rpc_latency_us", random, 5, 1, 1_000_000, "method", "get");
        if (part == 2)
        {
            values(engine, "rpc_latency_us", random, 3, 1, 1_000_000, "method", "put");
            engine.counter("optimization_failed").add(1);
            engine.counter("grpc_error", "code", "UNAVAILABLE").add(random.nextLong(1, 4));
        }
        else
        {
            engine.counter("variable_delete").add(random.nextLong(1, 10));
            engine.counter("operation_error", "operation", "write").add(random.nextLong(1, 4));
        }
        engine.counter("variable_read").add(random.nextLong(1, 1_000));
        engine.counter("variable_write").add(random.nextLong(1, 100));
        engine.counter("cache_hit").add(random.nextLong(1, 900));
        engine.counter("cache_miss").add(random.nextLong(1, 100));
        engine.counter("cache_eviction").add(random.nextLong(1, 10));
        engine.counter("optimization_started").add(2);
        engine.counter("optimization_completed").add(1);
        engine.counter("operation_error", "operation", "read").add(random.nextLong(1, 6));
        engine.gauge("active_sessions").set(random.nextLong(0, 500));
        engine.gauge("optimization_improvement").set(random.nextLong(-1_000, 1_000));
    }

    private static void values(
        final AnalyticsEngine engine, final String metric, final SplittableRandom random, final int n,
        final long lowest, final long highest, final String... labels)
    {
        final var handle = engine.histogram(metric, labels);
        for (int i = 0; i < n; i++)
        {
            handle.record(random.nextLong(lowest, highest));
        }
    }
}

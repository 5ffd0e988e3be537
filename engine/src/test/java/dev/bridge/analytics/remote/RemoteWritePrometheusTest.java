package dev.bridge.analytics.remote;

import dev.bridge.analytics.AnalyticsReader;
import dev.bridge.analytics.query.TimeRange;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two engines (instances node-a and node-b) push a scripted workload to a real Prometheus 2.42 through remote write;
 * Prometheus is stopped in the middle of the run and started again. Prometheus' query API must then return exactly
 * what was recorded: counter sums, classic and native histogram counts and sums, one sample per step and series
 * (nothing lost, nothing twice), and {@code histogram_quantile} over both instances' native histograms within the
 * stated error of the engines' merged percentile (their snapshots merged, which equals an HdrHistogram of all
 * values with the catalog's precision).
 */
class RemoteWritePrometheusTest
{
    private static final long STEP_MS = 15_000;
    private static final int STEPS = 12;
    /** Prometheus is down while these steps close. */
    private static final int DOWN_FROM = 5;
    private static final int DOWN_UNTIL = 8;

    @Test
    void twoEnginesPushEverythingOnceThroughAPrometheusRestart(@TempDir final Path dir) throws Exception
    {
        Files.createDirectories(dir.resolve("prom"));
        try (PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prom")))
        {
            // recent enough for Prometheus' head block, in the past so every step has closed
            final long t0 = (System.currentTimeMillis() / STEP_MS) * STEP_MS - 30 * 60_000L;
            final Histogram reference = new Histogram(1, 60_000_000, 3);
            long reads = 0;
            long latencySum = 0;
            try (RemoteWriteNode a = new RemoteWriteNode(dir.resolve("a"), "node-a", prometheus.writeUrl(), t0, Duration.ofMillis(100));
                 RemoteWriteNode b = new RemoteWriteNode(dir.resolve("b"), "node-b", prometheus.writeUrl(), t0, Duration.ofMillis(100)))
            {
                final SplittableRandom random = new SplittableRandom(42);
                for (int step = 0; step < STEPS; step++)
                {
                    final long at = t0 + step * STEP_MS + 3_000;
                    for (final RemoteWriteNode node : new RemoteWriteNode[]{ a, b })
                    {
                        node.clock.set(at);
                        final int count = 1 + random.nextInt(50);
                        node.engine.counter("variable_read").add(count);
                        reads += count;
                        for (int i = 0; i < 200; i++)
                        {
                            // mostly 100 us .. 10 ms, a tail up to 2 s
                            final long us = i % 50 == 0 ? 10_000 + random.nextInt(2_000_000) : 100 + random.nextInt(10_000);
                            node.engine.histogram("read_latency_us").record(us);
                            reference.recordValue(us);
                            latencySum += us;
                        }
                        node.engine.gauge("active_sessions").set(step);
                    }
                    if (step == DOWN_FROM)
                    {
                        prometheus.stop();
                    }
                    if (step == DOWN_UNTIL)
                    {
                        assertTrue(a.exporter.failedAttempts() > 0, "pushes failed while Prometheus was down");
                        prometheus.restart();
                    }
                    final long stepEnd = t0 + (step + 1) * STEP_MS;
                    final boolean up = step < DOWN_FROM || step >= DOWN_UNTIL;
                    for (final RemoteWriteNode node : new RemoteWriteNode[]{ a, b })
                    {
                        node.push(stepEnd + RemoteWriteExporter.GRACE_MS);
                        // after a failure the request is retried once its backoff has passed on the engine's clock
                        for (int retry = 0; up && retry < 10 && node.exporter.ackedUntilMs() < stepEnd; retry++)
                        {
                            node.push(node.clock.time() + 2_000);
                        }
                    }
                }
                final long end = t0 + STEPS * STEP_MS;
                for (final RemoteWriteNode node : new RemoteWriteNode[]{ a, b })
                {
                    assertEquals(end, node.exporter.ackedUntilMs(), "every step acknowledged");
                    assertEquals(0, node.exporter.droppedRequests());
                }
                final long at = end + 60_000; // a time after the last sample, within the 5-minute look-back
                assertEquals(reads, prometheus.query("sum(dspex_variable_read_total)", at));
                assertEquals(STEPS, prometheus.query("count_over_time(dspex_variable_read_total{instance=\"node-a\"}[1h])", at),
                    "one sample per step: nothing lost, nothing twice");
                assertEquals(reference.getTotalCount(), prometheus.query("sum(dspex_read_latency_seconds_count)", at));
                assertEquals(latencySum / 1e6, prometheus.query("sum(dspex_read_latency_seconds_sum)", at), 1e-9);
                assertEquals(reference.getTotalCount(),
                    prometheus.query("histogram_count(sum(dspex_read_latency_seconds))", at));
                assertEquals(latencySum / 1e6, prometheus.query("histogram_sum(sum(dspex_read_latency_seconds))", at), 1e-9);
                assertEquals(STEPS, prometheus.query(
                    "count_over_time(dspex_read_latency_seconds{instance=\"node-b\"}[1h])", at));
                assertEquals(STEPS - 1, prometheus.query("sum(dspex_active_sessions)", at) / 2);
                // the engines' merged view: their snapshots merged answer as one engine that saw every event
                a.engine.queries().writeSnapshot(TimeRange.ALL, dir.resolve("a.snap"));
                b.engine.queries().writeSnapshot(TimeRange.ALL, dir.resolve("b.snap"));
                try (AnalyticsReader merged = AnalyticsReader.openMerged(
                    a.config, List.of(dir.resolve("a.snap"), dir.resolve("b.snap")), a.clock))
                {
                    assertEquals(reads, merged.queries().stats("variable_read", TimeRange.ALL).sum());
                    assertEquals(latencySum, merged.queries().stats("read_latency_us", TimeRange.ALL).sum());
                    // the stated error: one native bucket at schema 8 (2^(1/256) - 1) plus HdrHistogram's 10^-3
                    final double error = Math.pow(2, 1.0 / 256) - 1 + 1e-3;
                    for (final double q : new double[]{ 0.5, 0.9, 0.99, 0.999 })
                    {
                        final long engine = merged.queries().percentile("read_latency_us", Map.of(), TimeRange.ALL, q);
                        assertEquals(reference.getValueAtPercentile(q * 100), engine, "merged = one HdrHistogram of all");
                        final double expected = engine / 1e6;
                        final double answered = prometheus.query(
                            "histogram_quantile(" + q + ", sum(dspex_read_latency_seconds))", at);
                        assertEquals(expected, answered, expected * error, "p" + q * 100 + ": Prometheus " + answered +
                            " s, engines merged " + expected + " s");
                    }
                }
            }
        }
    }
}

package dev.bridge.analytics;

import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.pipeline.SelfMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expired buckets are removed by the engine: over a long simulated run (injected clock, one step per second)
 * the number of stored buckets stops growing once every resolution's retention is reached, and the store files
 * keep their size; a restart sweeps what expired while the engine was down.
 */
class RetentionTest
{
    private static final long T0 = 1_700_000_040_000L; // a whole minute
    private static final int SECONDS = 1_500;
    private static final int SERIES = 3;
    // raw 1s kept 10s -> at most 11 buckets; 60s kept 120s -> 3; 120s kept 240s -> 3; running totals 1 (per series)
    private static final int MAX_BUCKETS_PER_SERIES = 11 + 3 + 3 + 1;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldKeepTheStoreFlatOnceRetentionIsReached() throws Exception
    {
        final ManualClock clock = new ManualClock(T0);
        long bucketsAtSteadyStart = -1;
        long fileSizeAtSteadyStart = -1;
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b
            .rawRetention(Duration.ofSeconds(10)).aggregationInterval(Duration.ofSeconds(60))
            .retentionPeriod(Duration.ofSeconds(120)).longTermInterval(Duration.ofSeconds(120))
            .longTermRetention(Duration.ofSeconds(240))), clock))
        {
            final CounterHandle reads = engine.counter("variable_read");
            final HistogramHandle latency = engine.histogram("read_latency_us");
            final GaugeHandle sessions = engine.gauge("active_sessions");
            for (int second = 0; second < SECONDS; second++)
            {
                clock.set(T0 + second * 1000L);
                reads.increment();
                latency.record(100 + second);
                sessions.set(second);
                engine.flush();
                final long buckets = engine.selfMetric(SelfMetric.STORE_BUCKETS);
                if (second >= 300)
                {
                    assertTrue(buckets <= SERIES * MAX_BUCKETS_PER_SERIES, "at " + second + " s: " + buckets + " buckets");
                }
                if (second == 500)
                {
                    bucketsAtSteadyStart = buckets;
                    fileSizeAtSteadyStart = storeBytes();
                }
            }
            assertEquals(bucketsAtSteadyStart, engine.selfMetric(SelfMetric.STORE_BUCKETS));
            assertEquals(fileSizeAtSteadyStart, storeBytes());
            // what is left still answers: the last 10 raw seconds, and the rollups
            assertEquals(10, engine.queries().stats("variable_read", TimeRange.between(
                Instant.ofEpochMilli(T0 + (SECONDS - 10) * 1000L), Instant.ofEpochMilli(T0 + SECONDS * 1000L))).count());
        }
        clock.set(T0 + (SECONDS + 3_600) * 1000L); // an hour later, everything has expired
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b
            .rawRetention(Duration.ofSeconds(10)).aggregationInterval(Duration.ofSeconds(60))
            .retentionPeriod(Duration.ofSeconds(120)).longTermInterval(Duration.ofSeconds(120))
            .longTermRetention(Duration.ofSeconds(240))), clock))
        {
            assertEquals(0, engine.selfMetric(SelfMetric.STORE_BUCKETS), "no bucket is left (the totals are not buckets)");
            assertEquals(0, engine.queries().stats("variable_read", TimeRange.ALL).count());
        }
    }

    private long storeBytes() throws Exception
    {
        return Files.size(dir.resolve("aggregates.dat")) + Files.size(dir.resolve("histograms.dat"));
    }
}

package dev.bridge.analytics;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.ResourceGauges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine samples its heap, threads and off-heap use into the gauges {@code engine.resource_gauges} names. */
class ResourceGaugesSamplingTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final String CATALOG = """
        metrics:
          heap_used_mb: { type: gauge, unit: megabytes, help: Heap. }
          jvm_threads: { type: gauge, unit: threads, help: Threads. }
          memory_usage_mb: { type: gauge, unit: megabytes, help: Not named here. }
        """;

    @TempDir
    Path dir;

    @Test
    void shouldSampleIntoTheNamedGaugesOfAnyCatalogAndNoOther() throws Exception
    {
        final EngineConfig config = EngineConfig.parse(
            "engine:\n  resource_gauges: { heap_mb: heap_used_mb, threads: jvm_threads }\n" + CATALOG, "x.yaml");
        final Stats[] stats = sampleOnce(config);
        assertTrue(stats[0].count() >= 1 && stats[0].max() > 0, "heap sampled: " + stats[0]);
        assertTrue(stats[1].count() >= 1 && stats[1].max() >= 2, "threads sampled (main and the consumer): " + stats[1]);
        assertEquals(0, stats[2].count(), "memory_usage_mb is not named: " + stats[2]);
    }

    @Test
    void shouldSampleNothingIntoTheCatalogWithoutResourceGauges() throws Exception
    {
        final EngineConfig config = EngineConfig.parse(CATALOG, "x.yaml");
        assertEquals(ResourceGauges.NONE, config.engine().resourceGauges());
        final Stats[] stats = sampleOnce(config);
        assertEquals(0, stats[0].count() + stats[1].count() + stats[2].count());
    }

    /** @return heap_used_mb, jvm_threads and memory_usage_mb after one sampling tick. */
    private Stats[] sampleOnce(final EngineConfig parsed)
    {
        final EngineConfig config = parsed.withEngine(b -> b
            .dataDirectory(dir).storeEntries(100_000).resourceSamplingInterval(Duration.ofSeconds(1)));
        final ManualClock clock = new ManualClock(T0);
        try (AnalyticsEngine engine = AnalyticsEngine.start(config, clock))
        {
            engine.flush();
            clock.set(T0 + 1000); // the next sampling tick
            engine.flush();
            return new Stats[] {
                engine.queries().stats("heap_used_mb", TimeRange.ALL),
                engine.queries().stats("jvm_threads", TimeRange.ALL),
                engine.queries().stats("memory_usage_mb", TimeRange.ALL) };
        }
    }
}

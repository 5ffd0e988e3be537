package dev.bridge.analytics.remote;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.RemoteWriteSettings;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exporter counts into the engine's self-metric registry directly: {@code engine.selfMetric(...)} equals its
 * counts with no sampling tick in between (resource sampling is off here), read through the facade's read-only view.
 */
@Timeout(60)
class RemoteWriteSelfMetricsTest
{
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void shouldCountIntoTheRegistryWithoutASamplingTick(@TempDir final Path dir) throws Exception
    {
        try (FakeReceiver receiver = new FakeReceiver())
        {
            receiver.answer(503); // one failed attempt, then acknowledged
            final ManualClock clock = new ManualClock(T0);
            final EngineConfig base = EngineConfig.defaults().withEngine(
                b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000));
            final AnalyticsEngine engine = AnalyticsEngine.start(base.withExport(base.export().withRemoteWrite(
                RemoteWriteSettings.DEFAULT.enabledAt(receiver.url()))), clock);
            try (engine)
            {
                engine.counter("variable_read").add(5);
                clock.set(T0 + 40_500);
            }

            final RemoteWriteCounts counts = engine.remoteWriteCounts().orElseThrow(); // readable after close
            assertEquals(1, counts.failedAttempts());
            assertTrue(counts.samplesSent() > 0, "close pushed the rest: " + counts);
            assertEquals(counts.failedAttempts(), engine.selfMetric(SelfMetric.REMOTE_WRITE_FAILED_ATTEMPTS));
            assertEquals(counts.droppedSamples(), engine.selfMetric(SelfMetric.REMOTE_WRITE_DROPPED_SAMPLES));
            assertEquals(counts.samplesSent() + counts.histogramsSent(),
                engine.selfMetric(SelfMetric.REMOTE_WRITE_SAMPLES));
            assertEquals(counts.foldedSteps(), engine.selfMetric(SelfMetric.REMOTE_WRITE_FOLDED_STEPS));
        }
    }
}

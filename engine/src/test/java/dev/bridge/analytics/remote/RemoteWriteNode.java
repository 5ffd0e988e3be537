package dev.bridge.analytics.remote;

import dev.bridge.analytics.pipeline.EngineCounters;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.RemoteWriteSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One engine of a test cluster: its own store and manual clock, and a remote-write exporter the test drives
 * ({@link #push}) instead of a thread. Not thread-safe: one test thread.
 */
final class RemoteWriteNode implements AutoCloseable
{
    final ManualClock clock;
    final AnalyticsEngine engine;
    final RemoteWriteExporter exporter;
    final EngineConfig config;

    RemoteWriteNode(final Path dir, final String instance, final URI url, final long startMs)
    {
        this(dir, instance, url, startMs, RemoteWriteSettings.DEFAULT.minBackoff());
    }

    RemoteWriteNode(final Path dir, final String instance, final URI url, final long startMs, final Duration minBackoff)
    {
        this(dir, instance, url, startMs, minBackoff, Map.of());
    }

    RemoteWriteNode(
        final Path dir, final String instance, final URI url, final long startMs, final Duration minBackoff,
        final Map<String, String> headers)
    {
        clock = new ManualClock(startMs);
        final EngineConfig base = EngineConfig.defaults().withEngine(
            b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000));
        final RemoteWriteSettings d = RemoteWriteSettings.DEFAULT;
        final RemoteWriteSettings settings = new RemoteWriteSettings(true, url, Duration.ofSeconds(15), Duration.ofSeconds(5),
            Map.of("instance", instance, "job", "dspex"), d.maxSamplesPerSend(), minBackoff, Duration.ofSeconds(2),
            true, true, Duration.ofSeconds(5), headers);
        config = base; // the engine itself does not push: the test drives the exporter below
        engine = AnalyticsEngine.start(config, clock);
        exporter = new RemoteWriteExporter(engine.queries(), config, settings, dir, clock, new EngineCounters());
    }

    /** Commits what was published, moves the clock to {@code nowMs} and runs one exporter cycle. */
    int push(final long nowMs)
    {
        engine.flush();
        clock.set(nowMs);
        return exporter.doWork();
    }

    @Override
    public void close()
    {
        engine.flush();
        exporter.close();
        engine.close();
    }
}

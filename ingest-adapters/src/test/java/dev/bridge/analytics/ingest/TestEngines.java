package dev.bridge.analytics.ingest;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Engines for the adapters' tests: the bundled DSPex catalog plus extra metrics, in a test's own directory. */
public final class TestEngines
{
    /** 2023-11-14T22:13:20Z: whole seconds, so raw buckets line up. */
    public static final long START_MS = 1_700_000_000_000L;

    private TestEngines()
    {
    }

    /** @return the bundled configuration with {@code extra} metrics appended, stored in {@code dir}, sampling off. */
    public static EngineConfig config(final Path dir, final List<MetricDefinition> extra)
    {
        final EngineConfig defaults = EngineConfig.defaults().withEngine(b -> b
            .dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000));
        final List<MetricDefinition> metrics = new ArrayList<>(defaults.metrics());
        for (final MetricDefinition m : extra)
        {
            if (defaults.metric(m.name()).isEmpty())
            {
                metrics.add(m);
            }
        }
        return new EngineConfig(defaults.source(), defaults.engine(), metrics, defaults.export(), defaults.http(),
            defaults.alerts());
    }

    /** @return an engine on {@link #config} with a manual clock. */
    public static AnalyticsEngine start(final Path dir, final ManualClock clock, final List<MetricDefinition> extra)
    {
        return AnalyticsEngine.start(config(dir, extra), clock);
    }
}

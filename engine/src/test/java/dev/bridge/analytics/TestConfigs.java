package dev.bridge.analytics;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.EngineSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Configurations for tests: the default catalog in a test's own directory. */
final class TestConfigs
{
    private TestConfigs()
    {
    }

    /** The default catalog, stored in {@code dir}, resource sampling off (tests control every value). */
    static EngineConfig inDirectory(final Path dir)
    {
        return inDirectory(dir, b -> b);
    }

    static EngineConfig inDirectory(final Path dir, final UnaryOperator<EngineSettings.Builder> change)
    {
        return EngineConfig.defaults().withEngine(b -> change.apply(
            b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000)));
    }
}

package dev.bridge.analytics.cli;

import dev.bridge.analytics.config.ConfigException;
import dev.bridge.analytics.config.EngineConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration a command runs with: the file given with {@code --config}, else {@code config/analytics.yaml}
 * when the working directory has one, else the defaults bundled in the engine jar (the rule of {@code bench}).
 * Stateless; thread-safe.
 */
public final class ConfigFiles
{
    /** The configuration file used when none is given and it exists, relative to the working directory. */
    public static final Path DEFAULT_CONFIG = Path.of("config", "analytics.yaml");

    private ConfigFiles()
    {
    }

    /**
     * @param file the {@code --config} file, or null.
     * @throws ConfigException when the file is invalid (message {@code file:line:column: field: problem}).
     */
    public static EngineConfig load(final Path file) throws ConfigException
    {
        if (file != null)
        {
            return EngineConfig.load(file);
        }
        return Files.isRegularFile(DEFAULT_CONFIG) ? EngineConfig.load(DEFAULT_CONFIG) : EngineConfig.defaults();
    }
}

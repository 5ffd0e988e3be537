package dev.bridge.analytics.cli;

import dev.bridge.analytics.config.ConfigException;
import dev.bridge.analytics.config.EngineConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code --config FILE} and {@code --store DIR} options: one picocli mixin for every command that takes both
 * ({@code serve}, {@code query ...}, {@code snapshot}, and benchmarks.jar's {@code bench}, {@code query-bench}).
 * Each command keeps its own help text: the top-level command's resource bundle holds it under the command's
 * qualified name ({@code analytics.serve.config}); the texts below are the fallback. What a command does with the
 * store (create it, require it, default it to engine.data_directory) stays the command's.
 * <p>
 * Thread-safety: filled by picocli while parsing, then read by the command's thread only.
 */
public final class ConfigStoreOptions
{
    @Option(names = "--store", paramLabel = "DIR", descriptionKey = "store",
        description = "Store directory (default: the configuration's data_directory).")
    private Path store;

    @Option(names = "--config", paramLabel = "FILE", descriptionKey = "config",
        description = "Engine configuration (default: config/analytics.yaml if present, else the bundled defaults).")
    private Path config;

    /** @return the {@code --store} directory, or null when the option was not given. */
    public Path store()
    {
        return store;
    }

    /** @return the {@code --config} file, or null when the option was not given. */
    public Path config()
    {
        return config;
    }

    /**
     * @return the configuration {@link ConfigFiles#load} reads for {@code --config} (or its defaults).
     * @throws ConfigException when the file is invalid (message {@code file:line:column: field: problem}).
     */
    public EngineConfig loadConfig() throws ConfigException
    {
        return ConfigFiles.load(config);
    }
}

package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.cli.StoreDirectories;
import dev.bridge.analytics.config.EngineConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store a reading command ({@code query}, {@code snapshot}) opens: the {@code --store} directory, else the
 * configuration's {@code engine.data_directory}, as {@code serve} writes it. Stateless; thread-safe.
 */
final class StoreOption
{
    private StoreOption()
    {
    }

    /**
     * @param store  the {@code --store} option, or null.
     * @param config the configuration the command runs with.
     * @return the directory to open; it exists.
     * @throws QueryException when it does not exist (naming the configuration it came from when no --store was
     *                        given); {@link dev.bridge.analytics.store.StoreException} when it is not a directory.
     */
    static Path existing(final Path store, final EngineConfig config)
    {
        final Path dir = store != null ? store : config.engine().dataDirectory();
        StoreDirectories.requireDirectoryOrNothing(dir);
        if (!Files.isDirectory(dir))
        {
            throw new QueryException(store != null ? "no store in " + store + ": the directory does not exist" :
                "no store in " + dir.toAbsolutePath().normalize() + ": the directory does not exist " +
                    "(engine.data_directory of " + describe(config) + "; give --store DIR)");
        }
        return dir;
    }

    private static String describe(final EngineConfig config)
    {
        return config.source().startsWith("classpath:") ? "the bundled configuration" : config.source();
    }
}

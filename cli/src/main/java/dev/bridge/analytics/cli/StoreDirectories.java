package dev.bridge.analytics.cli;

import dev.bridge.analytics.store.StoreException;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The check every command makes on its {@code --store} option before it opens or creates a store there: the path
 * must be a directory or not exist yet. Stateless; thread-safe.
 */
public final class StoreDirectories
{
    private StoreDirectories()
    {
    }

    /**
     * @param store the {@code --store} path, or null (no option given).
     * @throws StoreException when something other than a directory is there (a regular file).
     */
    public static void requireDirectoryOrNothing(final Path store)
    {
        if (store != null && Files.exists(store) && !Files.isDirectory(store))
        {
            throw new StoreException(store, "not a directory: --store takes the store's directory" +
                (Files.isRegularFile(store, LinkOption.NOFOLLOW_LINKS) ? " (this is a regular file)" : ""));
        }
    }
}

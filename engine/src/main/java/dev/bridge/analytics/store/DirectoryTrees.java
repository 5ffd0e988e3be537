package dev.bridge.analytics.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes directory trees (temporary stores, benchmark stores). Stateless, thread-safe. */
public final class DirectoryTrees
{
    private DirectoryTrees()
    {
    }

    /**
     * Removes {@code root} and everything in it, deepest first; an absent {@code root} is fine.
     *
     * @throws UncheckedIOException naming the path when something cannot be removed.
     */
    public static void delete(final Path root)
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + root + ": " + ex.getMessage(), ex);
        }
    }
}

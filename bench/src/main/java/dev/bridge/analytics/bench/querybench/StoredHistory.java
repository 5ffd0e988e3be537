package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.store.DirectoryTrees;
import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.AnalyticsReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A built {@link History} opened for queries: an {@link AnalyticsReader} on its store whose clock is fixed at the
 * end of the history, so relative ranges ({@code LAST_MINUTE}, ...) select the same buckets however long the
 * timing takes. {@link #close()} closes the reader and deletes the store when it was a temporary one.
 * <p>
 * Thread-safety: {@link #queries()} is thread-safe (as the reader's); {@link #close()} once, after the last query.
 */
public final class StoredHistory implements AutoCloseable
{
    private final History history;
    private final AnalyticsReader reader;
    private final boolean temporary;

    private StoredHistory(final History history, final AnalyticsReader reader, final boolean temporary)
    {
        this.history = history;
        this.reader = reader;
        this.temporary = temporary;
    }

    /**
     * Builds the history into {@code directory} (kept) or, when it is null, into a new temporary directory (deleted
     * by {@link #close()}), ending at {@code endMs}, and opens it.
     */
    public static StoredHistory build(final HistoryBuilder builder, final Path directory, final long endMs)
    {
        final boolean temporary = directory == null;
        final Path dir;
        try
        {
            dir = temporary ? Files.createTempDirectory("analytics-query-bench-") : directory;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        try
        {
            final History history = builder.build(dir, endMs);
            final long nowMs = history.endMs();
            return new StoredHistory(history, AnalyticsReader.open(history.config(), dir, () -> nowMs), temporary);
        }
        catch (final RuntimeException | Error ex)
        {
            if (temporary)
            {
                deleteTree(dir);
            }
            throw ex;
        }
    }

    /** @return what was written. */
    public History history()
    {
        return history;
    }

    /** @return the queries over the store, as of the end of the history. */
    public AnalyticsQueries queries()
    {
        return reader.queries();
    }

    /** @return true when {@link #close()} deletes the store. */
    public boolean temporary()
    {
        return temporary;
    }

    @Override
    public void close()
    {
        try
        {
            reader.close();
        }
        finally
        {
            if (temporary)
            {
                deleteTree(history.directory());
            }
        }
    }

    private static void deleteTree(final Path root)
    {
        try
        {
            DirectoryTrees.delete(root);
        }
        catch (final UncheckedIOException ex)
        {
            System.err.println("could not delete " + root + ": " + ex.getMessage());
        }
    }
}

package dev.bridge.analytics.store;

import java.nio.file.Path;

/**
 * A store that cannot be opened or written as asked: missing, truncated, foreign or damaged files, a catalog that
 * does not match the store, a store that is full or locked by another process. The message names the directory
 * (or file) and says what to do; the {@code analytics} commands print it and exit with the usage code (2), never
 * with a trace. Immutable; thread-safe.
 */
public final class StoreException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param where   the data directory or the file concerned.
     * @param problem what is wrong and what to do, e.g. {@code "series.dat is truncated (0 bytes): restore it ..."}.
     */
    public StoreException(final Path where, final String problem)
    {
        super(where + ": " + problem);
    }

    /**
     * @param where   the data directory or the file concerned.
     * @param problem what is wrong and what to do.
     * @param cause   the underlying failure.
     */
    public StoreException(final Path where, final String problem, final Throwable cause)
    {
        super(where + ": " + problem, cause);
    }
}

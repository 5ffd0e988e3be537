package dev.bridge.analytics.cli.query;

/**
 * A query the user asked for that cannot be answered as asked (unknown metric, bad range, no store...): the
 * {@code query} commands print its message on stderr and exit with the usage code. Immutable; thread-safe.
 */
public final class QueryException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public QueryException(final String message)
    {
        super(message);
    }
}

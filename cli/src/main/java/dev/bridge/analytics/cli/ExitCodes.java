package dev.bridge.analytics.cli;

import dev.bridge.analytics.cli.query.QueryException;
import dev.bridge.analytics.config.ConfigException;
import dev.bridge.analytics.snapshot.SnapshotException;
import dev.bridge.analytics.store.StoreException;
import picocli.CommandLine;

/**
 * The one exit-code table of every {@code analytics} command, and the one mapping from the exception that ended a
 * command to its code ({@link #of}; {@link CommandErrors} prints and applies it). Constants and a pure function;
 * thread-safe.
 * <pre>
 *   0  ok
 *   1  LOSS: the run finished but events were lost or series totals (or answers) differ from what was sent
 *   2  usage, configuration, input file or store error: nothing was lost, the message says what to change
 *   3  internal error: a bug (any other exception, and every Error such as OutOfMemoryError), with a trace
 * </pre>
 * A JVM stopped by a signal exits with 128 + the signal after its shutdown hook has saved everything:
 * 130 for Ctrl-C (SIGINT), 143 for SIGTERM.
 */
public final class ExitCodes
{
    /** The command did what was asked (for {@code bench}: every event verified). */
    public static final int OK = 0;
    /**
     * LOSS, and only that: the load run finished but lost events or found series whose totals differ from what was
     * sent ({@code bench}, {@code statsd-load}), or answers differed from the reference ({@code query-bench}).
     */
    public static final int VERIFICATION_FAILED = 1;
    /**
     * Bad command line ({@link CommandLine.ParameterException}, picocli's own usage code is also 2), configuration
     * ({@link ConfigException}), input file ({@link SnapshotException}), store ({@link StoreException}) or a request
     * the data cannot answer ({@link QueryException}).
     */
    public static final int USAGE = 2;
    /** An unexpected exception or error: a bug. */
    public static final int INTERNAL_ERROR = 3;

    private ExitCodes()
    {
    }

    /**
     * @param failure what ended a command.
     * @return {@link #USAGE} for the user's errors listed there, {@link #INTERNAL_ERROR} for everything else
     *         (never {@link #VERIFICATION_FAILED}: an exception, even an OutOfMemoryError, is not a verified loss).
     */
    public static int of(final Throwable failure)
    {
        return isUserError(failure) ? USAGE : INTERNAL_ERROR;
    }

    /** @return true for the exceptions that are the user's to fix and print as one line without a trace. */
    static boolean isUserError(final Throwable failure)
    {
        return failure instanceof ConfigException || failure instanceof StoreException ||
            failure instanceof SnapshotException || failure instanceof QueryException ||
            failure instanceof CommandLine.ParameterException;
    }
}

package dev.bridge.analytics.cli;

import dev.bridge.analytics.config.ConfigException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Ends a command that threw: prints one line for the user's errors (a configuration error as
 * {@code file:line:column: field: problem}; a store, snapshot or query error as {@code analytics <command>: problem})
 * and the line and the trace for a bug ({@code analytics: internal error: ...}), and returns the code of
 * {@link ExitCodes#of}. The execution exception handler of {@link AnalyticsCli}, also given the errors picocli lets
 * through (an {@link OutOfMemoryError} thrown by a command). Stateless; thread-safe.
 */
final class CommandErrors implements CommandLine.IExecutionExceptionHandler
{
    @Override
    public int handleExecutionException(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        return report(ex, commandLine.getErr(), commandName(parseResult));
    }

    /**
     * @param failure what ended the command.
     * @param err     where to print.
     * @param command the subcommand's name ({@code query}), or null.
     * @return the exit code.
     */
    static int report(final Throwable failure, final PrintWriter err, final String command)
    {
        if (failure instanceof ConfigException)
        {
            err.println(failure.getMessage());
        }
        else if (ExitCodes.isUserError(failure))
        {
            err.println("analytics" + (command == null ? "" : " " + command) + ": " + failure.getMessage());
        }
        else
        {
            err.println("analytics: internal error: " + failure);
            failure.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(failure);
    }

    /** @return the name of the subcommand that ran ({@code query} for {@code query stats}), or null. */
    private static String commandName(final CommandLine.ParseResult parseResult)
    {
        return parseResult != null && parseResult.hasSubcommand() ?
            parseResult.subcommand().commandSpec().name() : null;
    }
}

package dev.bridge.analytics.bench;

import dev.bridge.analytics.bench.query.QueryCommand;
import dev.bridge.analytics.bench.query.SnapshotCommand;
import dev.bridge.analytics.bench.querybench.QueryBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code analytics} command line: a top-level command that only dispatches to its subcommands
 * ({@code bench}, {@code query}, {@code snapshot}, {@code query-bench}, {@code serve}, {@code statsd-load},
 * {@code memory-bench}). Exit codes
 * are those of {@link ExitCodes}: every command lets its errors propagate to {@link CommandErrors}, the one place that
 * prints and maps them.
 * <p>
 * Thread-safety: a {@link CommandLine} built by {@link #newCommandLine()} is for one thread; build one per run.
 */
@Command(
    name = "analytics",
    mixinStandardHelpOptions = true,
    version = "Bridge Analytics 0.1.0-SNAPSHOT",
    description = "Bridge Analytics: an embeddable metrics engine for the DSPex bridge.",
    subcommands = { BenchCommand.class, QueryCommand.class, SnapshotCommand.class, QueryBenchCommand.class, ServeCommand.class,
        dev.bridge.analytics.bench.statsdload.StatsdLoadCommand.class,
        dev.bridge.analytics.bench.memory.MemoryBenchCommand.class, CommandLine.HelpCommand.class },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:LOSS: verification failed (events lost or series mismatched)",
        "2:usage, configuration, input file or store error (one line on stderr)",
        "3:internal error (a bug: the trace is on stderr)",
        "130/143:stopped by Ctrl-C/SIGTERM after saving everything" })
public final class AnalyticsCli implements Runnable
{
    @Spec
    private CommandSpec spec;

    /** Runs without a subcommand: a usage error. */
    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** @return a fresh command line with the project's settings (exit codes, enum parsing). */
    public static CommandLine newCommandLine()
    {
        final CommandLine commandLine = new CommandLine(new AnalyticsCli());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(new CommandErrors());
        return commandLine;
    }

    /**
     * Runs a command line to its exit code: picocli hands exceptions to {@link CommandErrors} and lets errors
     * through, which this maps the same way (an {@link OutOfMemoryError} is an internal error, 3, never the JVM's 1).
     */
    public static int exitCode(final CommandLine commandLine, final String... args)
    {
        try
        {
            return commandLine.execute(args);
        }
        catch (final Throwable error)
        {
            return CommandErrors.report(error, commandLine.getErr(), null);
        }
    }

    /** Entry point of {@code benchmarks.jar} and {@code bin/analytics}. */
    public static void main(final String[] args)
    {
        System.exit(exitCode(newCommandLine(), args));
    }
}

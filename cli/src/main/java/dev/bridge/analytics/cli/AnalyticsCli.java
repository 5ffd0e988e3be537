package dev.bridge.analytics.cli;

import dev.bridge.analytics.cli.query.QueryCommand;
import dev.bridge.analytics.cli.query.SnapshotCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code analytics} command line of {@code analytics.jar}: a top-level command that only dispatches to its
 * subcommands ({@code serve}, {@code query}, {@code snapshot}, {@code docs}). The load run and the benchmarks ({@code bench},
 * {@code query-bench}, {@code statsd-load}, {@code memory-bench}) are {@code benchmarks.jar}'s, with the same settings
 * ({@link #configure}); {@code bin/analytics} runs each from its jar and this help lists them. Exit codes are those
 * of {@link ExitCodes}: every command lets its errors propagate to {@link CommandErrors}, the one place that prints
 * and maps them.
 * <p>
 * Thread-safety: a {@link CommandLine} built by {@link #newCommandLine()} is for one thread; build one per run.
 */
@Command(
    name = "analytics",
    mixinStandardHelpOptions = true,
    version = "Bridge Analytics 0.1.0-SNAPSHOT",
    description = "Bridge Analytics: an embeddable metrics engine for the DSPex bridge.",
    resourceBundle = "dev.bridge.analytics.cli.OptionHelp",
    subcommands = { QueryCommand.class, SnapshotCommand.class, ServeCommand.class, DocsCommand.class,
        CommandLine.HelpCommand.class },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:LOSS: verification failed (events lost or series mismatched)",
        "2:usage, configuration, input file or store error (one line on stderr)",
        "3:internal error (a bug: the trace is on stderr)",
        "130/143:stopped by Ctrl-C/SIGTERM after saving everything" },
    footerHeading = "%nLoad run and benchmarks (bench/target/benchmarks.jar, run by bin/analytics):%n",
    footer = {
        "  bench         Load run: publishes a synthetic DSPex bridge workload into the",
        "                  engine, verifies that no event is lost and reports",
        "                  throughput, publish cost, CPU per event, allocation and the",
        "                  ratio to Prometheus client_java.",
        "  query-bench   Builds a store with hours of simulated history (backdated) and",
        "                  times the dashboard, percentile and stats queries.",
        "  statsd-load   Sends StatsD traffic over loopback to an in-process listener",
        "                  and engine and reports lines/s, kernel drops and loss.",
        "  memory-bench  Memory per series after an hour of simulated traffic: the",
        "                  engine beside client_java and Micrometer.",
        "'bin/analytics help COMMAND' describes each." })
public final class AnalyticsCli extends TopLevelCommand
{
    /** @return a fresh command line with the project's settings (exit codes, enum parsing). */
    public static CommandLine newCommandLine()
    {
        return configure(new CommandLine(new AnalyticsCli()));
    }

    /**
     * Applies the settings every {@code analytics} top-level command shares ({@code benchmarks.jar}'s too):
     * case-insensitive enum values and {@link CommandErrors} as the execution exception handler.
     *
     * @param commandLine a command line just built, used by one thread.
     * @return {@code commandLine}.
     */
    public static CommandLine configure(final CommandLine commandLine)
    {
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

    /** Entry point of {@code analytics.jar}, which {@code bin/analytics} runs. */
    public static void main(final String[] args)
    {
        System.exit(exitCode(newCommandLine(), args));
    }
}

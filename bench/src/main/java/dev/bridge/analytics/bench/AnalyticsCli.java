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
 * ({@code bench}, {@code query}, {@code snapshot}, {@code query-bench}, {@code serve}, {@code statsd-load}). Exit codes
 * are those of {@link ExitCodes}.
 * <p>
 * Thread-safety: a {@link CommandLine} built by {@link #newCommandLine()} is for one thread; build one per run.
 */
@Command(
    name = "analytics",
    mixinStandardHelpOptions = true,
    version = "Bridge Analytics 0.1.0-SNAPSHOT",
    description = "Bridge Analytics: an embeddable metrics engine for the DSPex bridge.",
    subcommands = { BenchCommand.class, QueryCommand.class, SnapshotCommand.class, QueryBenchCommand.class, ServeCommand.class,
        dev.bridge.analytics.bench.statsdload.StatsdLoadCommand.class, CommandLine.HelpCommand.class },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:verification failed (events lost or series mismatched)",
        "2:usage, configuration or input file error (e.g. a malformed snapshot)",
        "3:internal error (exception)" })
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
        commandLine.setExecutionExceptionHandler((ex, cl, parseResult) ->
        {
            cl.getErr().println("analytics: internal error: " + ex);
            ex.printStackTrace(cl.getErr());
            return ExitCodes.INTERNAL_ERROR;
        });
        return commandLine;
    }

    /** Entry point of {@code benchmarks.jar} and {@code bin/analytics}. */
    public static void main(final String[] args)
    {
        System.exit(newCommandLine().execute(args));
    }
}

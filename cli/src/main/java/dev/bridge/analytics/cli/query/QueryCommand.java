package dev.bridge.analytics.cli.query;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code analytics query}: reads a store (also one an engine is writing, from this or another process), or the merge
 * of snapshot files of several nodes ({@code --snapshot F1 --snapshot F2}), and answers with a dashboard, stats,
 * percentiles, a time series or an export of every series. Only dispatches to its subcommands.
 * <p>
 * Thread-safety: picocli creates one instance per command line; {@link #run()} runs once on the calling thread.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = "Query a store, or merged snapshots: dashboard, stats, percentile, series or export.",
    subcommands = {
        DashboardQueryCommand.class, StatsQueryCommand.class, PercentileQueryCommand.class, SeriesQueryCommand.class,
        ExportQueryCommand.class })
public final class QueryCommand implements Runnable
{
    @Spec
    private CommandSpec spec;

    /** Runs without a subcommand: a usage error. */
    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "Missing required subcommand: dashboard, stats, percentile, series or export");
    }
}

package dev.bridge.analytics.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What a jar's top-level {@code analytics} command is without a subcommand: a usage error (exit 2). Extended by
 * {@link AnalyticsCli} ({@code analytics.jar}) and the benchmarks' top-level command ({@code benchmarks.jar}).
 * Thread-safety: one instance per command line.
 */
public abstract class TopLevelCommand implements Runnable
{
    @Spec
    private CommandSpec spec;

    /** Runs without a subcommand: a usage error. */
    @Override
    public final void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}

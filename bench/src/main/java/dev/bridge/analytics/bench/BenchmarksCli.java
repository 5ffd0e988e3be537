package dev.bridge.analytics.bench;

import dev.bridge.analytics.bench.jmh.ScrapeGrowthCommand;
import dev.bridge.analytics.bench.memory.MemoryBenchCommand;
import dev.bridge.analytics.bench.querybench.QueryBenchCommand;
import dev.bridge.analytics.bench.statsdload.StatsdLoadCommand;
import dev.bridge.analytics.cli.AnalyticsCli;
import dev.bridge.analytics.cli.ExitCodes;
import dev.bridge.analytics.cli.TopLevelCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level command of {@code benchmarks.jar}: the load run and the benchmarks ({@code bench},
 * {@code query-bench}, {@code statsd-load}, {@code memory-bench}), which {@code bin/analytics} runs from this jar.
 * The product commands ({@code serve}, {@code query}, {@code snapshot}) are {@link AnalyticsCli}'s, in
 * {@code analytics.jar}; this command shares its settings, error handling and {@link ExitCodes}. JMH runs from the
 * same jar ({@code java -cp benchmarks.jar org.openjdk.jmh.Main}).
 * <p>
 * Thread-safety: a {@link CommandLine} built by {@link #newCommandLine()} is for one thread; build one per run.
 */
@Command(
    name = "analytics",
    mixinStandardHelpOptions = true,
    version = "Bridge Analytics 0.1.0-SNAPSHOT",
    description = { "Bridge Analytics: the load run and the benchmarks.",
        "serve, query and snapshot are analytics.jar's (bin/analytics runs both jars)." },
    resourceBundle = "dev.bridge.analytics.bench.OptionHelp",
    subcommands = { BenchCommand.class, QueryBenchCommand.class, StatsdLoadCommand.class, MemoryBenchCommand.class,
        ScrapeGrowthCommand.class,
        CommandLine.HelpCommand.class },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:LOSS: verification failed (events lost or series mismatched)",
        "2:usage, configuration, input file or store error (one line on stderr)",
        "3:internal error (a bug: the trace is on stderr)",
        "130/143:stopped by Ctrl-C/SIGTERM after saving everything" })
public final class BenchmarksCli extends TopLevelCommand
{
    /** @return a fresh command line with the project's settings ({@link AnalyticsCli#configure}). */
    public static CommandLine newCommandLine()
    {
        return AnalyticsCli.configure(new CommandLine(new BenchmarksCli()));
    }

    /** Entry point of {@code benchmarks.jar}. */
    public static void main(final String[] args)
    {
        System.exit(AnalyticsCli.exitCode(newCommandLine(), args));
    }
}

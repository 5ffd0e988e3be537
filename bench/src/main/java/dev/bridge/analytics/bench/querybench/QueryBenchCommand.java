package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.bench.RunSettings;
import dev.bridge.analytics.cli.ConfigStoreOptions;
import dev.bridge.analytics.cli.ExitCodes;
import dev.bridge.analytics.cli.StoreDirectories;
import dev.bridge.analytics.config.EngineConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code analytics query-bench}: builds a store holding {@code --hours} of the catalog's simulated history ending
 * now ({@link HistoryBuilder}), checks that it holds exactly what was published, opens it with an
 * {@link dev.bridge.analytics.AnalyticsReader} as of the end of the history and times the queries of
 * {@link QuerySet} against their targets. Exit 0 when it ran (targets met or not: the verdicts are in the
 * report), 1 when the store does not hold what was published, 2 for a usage or configuration error.
 * <p>
 * Thread-safety: picocli creates one instance per command line; {@link #call()} runs once on the calling thread.
 */
@Command(
    name = "query-bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Builds a store with hours of simulated history (backdated) and times the dashboard, percentile " +
        "and stats queries against their targets.")
public final class QueryBenchCommand implements Callable<Integer>
{
    /** Longest history: the default long-term retention (30 days). */
    static final int MAX_HOURS = 720;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigStoreOptions configStore;

    @Option(names = "--hours", paramLabel = "N", defaultValue = "24",
        description = "Hours of history, ending now (default: ${DEFAULT-VALUE}, at most " + MAX_HOURS + ").")
    private int hours;

    @Option(names = "--events-per-second", paramLabel = "N", defaultValue = "" + HistoryBuilder.DEFAULT_EVENTS_PER_SECOND,
        description = "Events per simulated second (default: ${DEFAULT-VALUE}).")
    private int eventsPerSecond;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "500",
        description = "Timed calls per query (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "300",
        description = "Untimed calls of every query before any is timed (default: ${DEFAULT-VALUE}).")
    private int warmUp;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the workload mix.")
    private long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    private Path json;

    @Override
    public Integer call() throws Exception
    {
        validate();
        final PrintWriter err = spec.commandLine().getErr();
        final EngineConfig base = configStore.loadConfig(); // a ConfigException ends the command with 2
        final Path store = configStore.store();
        StoreDirectories.requireDirectoryOrNothing(store);
        if (store != null && !isEmptyOrMissing(store))
        {
            err.println("analytics query-bench: --store " + store + " is not an empty directory; give a new one");
            err.flush();
            return ExitCodes.USAGE;
        }
        final HistoryBuilder builder = new HistoryBuilder(base, Duration.ofHours(hours), eventsPerSecond, seed);
        err.println("query-bench: building " + hours + " h of history at " + eventsPerSecond + " events/s...");
        err.flush();
        final QueryBenchResult result;
        try (StoredHistory stored = StoredHistory.build(builder, store, System.currentTimeMillis()))
        {
            final List<String> mismatches = stored.history().mismatches(stored.queries());
            err.println(String.format("query-bench: built in %.1f s; timing the queries...",
                stored.history().buildSeconds()));
            err.flush();
            result = new QueryBenchResult(stored.history(), !stored.temporary(), mismatches,
                QuerySet.sevenPercentiles(stored.queries()), warmUp, QuerySet.run(stored.queries(), warmUp, iterations),
                RunSettings.currentJdk(), Runtime.getRuntime().availableProcessors());
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.print(QueryBenchReport.text(result));
        out.flush();
        if (json != null)
        {
            QueryBenchReport.writeJson(result, json);
        }
        return result.mismatches().isEmpty() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
    }

    private void validate()
    {
        if (hours < 1 || hours > MAX_HOURS)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--hours must be in [1, " + MAX_HOURS + "], was " + hours);
        }
        if (eventsPerSecond < 1)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--events-per-second must be >= 1, was " + eventsPerSecond);
        }
        if (iterations < 1)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--iterations must be >= 1, was " + iterations);
        }
        if (warmUp < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup must be >= 0, was " + warmUp);
        }
    }

    private static boolean isEmptyOrMissing(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return true;
        }
        if (!Files.isDirectory(dir))
        {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir))
        {
            return entries.findAny().isEmpty();
        }
    }
}

package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.AnalyticsReader;
import dev.bridge.analytics.cli.ConfigStoreOptions;
import dev.bridge.analytics.cli.ExitCodes;
import dev.bridge.analytics.config.ConfigException;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.query.MetricNames;
import dev.bridge.analytics.snapshot.SnapshotException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What every {@code query} subcommand does: load the configuration ({@code --config}, else
 * {@code config/analytics.yaml} if present, else the defaults), check the request against it, open the store
 * ({@code --store}, else the configuration's {@code engine.data_directory}, where {@code serve} writes) with an
 * {@link AnalyticsReader} (also while an engine writes it), or the merge of snapshot files
 * ({@code --snapshot}, repeatable: {@link AnalyticsReader#openMerged}), answer, and print the answer as a table or,
 * with {@code --json}, as one line of JSON. A request that cannot be answered (invalid configuration, unknown metric
 * or label, bad range, too many points, no store, both --store and --snapshot) prints one line on
 * stderr and exits with {@link ExitCodes#USAGE}; rejected snapshot files print one line each
 * ({@code file:line:column: field: problem}) and their count, and exit with {@link ExitCodes#USAGE} too.
 * <p>
 * Thread-safety: picocli creates one instance per command line; {@link #call()} runs once on the calling thread.
 */
public abstract class StoreQueryCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigStoreOptions configStore;

    @Option(names = "--snapshot", paramLabel = "FILE",
        description = "A snapshot file (analytics snapshot), instead of --store; repeat it to answer over the merge " +
            "of several nodes' snapshots.")
    List<Path> snapshots;

    @Option(names = "--json", description = "Print one line of JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws ConfigException
    {
        final PrintWriter err = spec.commandLine().getErr();
        try
        {
            checkSource();
            final EngineConfig engineConfig = configStore.loadConfig(); // a ConfigException ends the command with 2
            prepare(engineConfig);
            final String answer;
            try (AnalyticsReader reader = open(engineConfig))
            {
                answer = answer(reader.queries(), json);
            }
            final PrintWriter out = spec.commandLine().getOut();
            out.print(answer);
            out.flush();
            return ExitCodes.OK;
        }
        catch (final SnapshotException ex)
        {
            ex.problems().forEach(problem -> err.println("analytics query: " + problem.getMessage()));
            throw new QueryException(ex.rejectedFiles() + " of " + snapshots.size() + " snapshot files rejected");
        }
        catch (final QueryException ex)
        {
            throw ex;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new QueryException(ex.getMessage()); // the engine's refusal of a request it cannot answer
        }
    }

    /** @throws QueryException when both kinds of source are given: --store and --snapshot. */
    private void checkSource()
    {
        final boolean merged = snapshots != null && !snapshots.isEmpty();
        if (configStore.store() != null && merged)
        {
            throw new QueryException("give either --store DIR or --snapshot FILE (one or more), not both");
        }
    }

    /** @throws QueryException naming the nearest known metrics when {@code metric} is not one of {@code config}'s. */
    protected static void requireMetric(final EngineConfig config, final String metric)
    {
        MetricNames.of(config).unknown(metric).ifPresent(message ->
        {
            throw new QueryException(message);
        });
    }

    /**
     * Checks the request against the configuration before the store is opened.
     *
     * @throws QueryException or IllegalArgumentException for a request that cannot be answered.
     */
    protected abstract void prepare(EngineConfig config);

    /**
     * @return the answer to print: a table, or one line of JSON when {@code json}; both end with a line separator.
     * @throws QueryException or IllegalArgumentException for a request that cannot be answered.
     */
    protected abstract String answer(AnalyticsQueries queries, boolean json);

    private AnalyticsReader open(final EngineConfig engineConfig)
    {
        if (snapshots != null && !snapshots.isEmpty())
        {
            return AnalyticsReader.openMerged(engineConfig, snapshots);
        }
        return AnalyticsReader.open(engineConfig, StoreOption.existing(configStore.store(), engineConfig));
    }
}

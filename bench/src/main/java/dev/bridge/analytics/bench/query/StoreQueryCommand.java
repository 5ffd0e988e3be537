package dev.bridge.analytics.bench.query;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.AnalyticsReader;
import dev.bridge.analytics.bench.ExitCodes;
import dev.bridge.analytics.config.ConfigException;
import dev.bridge.analytics.config.EngineConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What every {@code query} subcommand does: load the configuration ({@code --config}, else
 * {@code config/analytics.yaml} if present, else the defaults), check the request against it, open the store
 * ({@code --store}) with an {@link AnalyticsReader} (also while an engine writes it), answer, and print the answer
 * as a table or, with {@code --json}, as one line of JSON. A request that cannot be answered (invalid
 * configuration, unknown metric or label, bad range, too many points, no store) prints one line on stderr and
 * exits with {@link ExitCodes#USAGE}.
 * <p>
 * Thread-safety: picocli creates one instance per command line; {@link #call()} runs once on the calling thread.
 */
public abstract class StoreQueryCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "DIR",
        description = "The store directory (an engine may be writing it).")
    Path store;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Catalog and resolutions to read the store with (default: config/analytics.yaml if present, " +
            "else the bundled defaults).")
    Path config;

    @Option(names = "--json", description = "Print one line of JSON instead of a table.")
    boolean json;

    @Override
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        try
        {
            final EngineConfig engineConfig = ConfigFiles.load(config);
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
        catch (final ConfigException ex)
        {
            return fail(err, ex.getMessage());
        }
        catch (final QueryException | IllegalArgumentException ex)
        {
            return fail(err, "analytics query: " + ex.getMessage());
        }
    }

    /** @throws QueryException naming the nearest known metrics when {@code metric} is not one of {@code config}'s. */
    protected static void requireMetric(final EngineConfig config, final String metric)
    {
        dev.bridge.analytics.query.MetricNames.of(config).unknown(metric).ifPresent(message ->
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
        if (!Files.isDirectory(store))
        {
            throw new QueryException("no store in " + store + ": the directory does not exist");
        }
        return AnalyticsReader.open(engineConfig, store);
    }

    private static int fail(final PrintWriter err, final String message)
    {
        err.println(message);
        err.flush();
        return ExitCodes.USAGE;
    }
}

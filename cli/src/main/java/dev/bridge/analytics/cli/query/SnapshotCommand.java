package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.AnalyticsReader;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.cli.ConfigStoreOptions;
import dev.bridge.analytics.cli.ExitCodes;
import dev.bridge.analytics.snapshot.SnapshotException;
import dev.bridge.analytics.config.ConfigException;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.snapshot.SnapshotSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code analytics snapshot}: writes every stored bucket of a range (all resolutions) of a store ({@code --store},
 * else the configuration's {@code engine.data_directory}) to a portable
 * snapshot file, read-only (an engine may be writing the store), and prints one line: series, buckets, bytes, file.
 * {@code analytics query ... --snapshot F1 --snapshot F2} answers over the merge of such files. A range is required
 * ({@code --range}, or {@code --from} and {@code --to}). Errors print one line on stderr and exit with
 * {@link ExitCodes#USAGE}. Thread-safety: one instance per command line; {@link #call()} runs once on one thread.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Write a range of a store to a snapshot file, to merge with other nodes' (query --snapshot).")
public final class SnapshotCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigStoreOptions configStore;

    @Mixin
    RangeOptions rangeOptions;

    @Option(names = "--out", required = true, paramLabel = "FILE",
        description = "The snapshot file to write (replaced atomically).")
    Path out;

    @Override
    public Integer call() throws ConfigException
    {
        try
        {
            if (rangeOptions.name == null && rangeOptions.from == null && rangeOptions.to == null)
            {
                throw new QueryException("give the range to snapshot: --range NAME, or --from and --to");
            }
            final TimeRange range = rangeOptions.range();
            final EngineConfig engineConfig = configStore.loadConfig();
            final SnapshotSummary summary;
            try (AnalyticsReader reader = AnalyticsReader.open(engineConfig, StoreOption.existing(configStore.store(), engineConfig)))
            {
                summary = reader.queries().writeSnapshot(range, out);
            }
            final PrintWriter stdout = spec.commandLine().getOut();
            stdout.println("snapshot of " + range + ": " + summary.describe());
            stdout.flush();
            return ExitCodes.OK;
        }
        catch (final IllegalArgumentException | UncheckedIOException ex)
        {
            if (ex instanceof SnapshotException)
            {
                throw ex;
            }
            throw new QueryException(ex.getMessage()); // a range the store cannot answer, an --out it cannot write
        }
    }
}

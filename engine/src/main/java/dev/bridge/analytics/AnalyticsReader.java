package dev.bridge.analytics;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.series.SeriesRegistry;
import dev.bridge.analytics.series.SeriesTable;
import dev.bridge.analytics.snapshot.MergedStore;
import dev.bridge.analytics.store.DirectoryTrees;
import dev.bridge.analytics.store.MetricStore;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Reads a persisted store without running an engine, also while an engine in this or another process writes it
 * (like AeronStat reads Aeron's counters): the offline {@code query} command uses it. Series created by the writer
 * after opening are picked up at each query. {@link #openMerged} reads the merge of snapshot files of several nodes
 * instead. Thread-safe.
 * <pre>{@code
 * try (AnalyticsReader reader = AnalyticsReader.open(EngineConfig.defaults(), Path.of("data")))
 * {
 *     Stats s = reader.queries().stats("read_latency_us", TimeRange.ALL);
 * }
 * }</pre>
 */
public final class AnalyticsReader implements AutoCloseable
{
    private final MetricStore store;
    private final SeriesRegistry registry;
    private final AnalyticsQueries queries;
    /** The merged store's temporary directory, removed by {@link #close()}; null for a store of an engine. */
    private final Path temporaryDirectory;
    private final ReentrantReadWriteLock storeUse = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private AnalyticsReader(
        final EngineConfig config, final Path directory, final EpochClock clock, final Path temporaryDirectory)
    {
        store = MetricStore.openForReading(directory);
        registry = new SeriesRegistry(catalog(config), store.series(), new SeriesTable(config.engine().maxSeries()),
            config.engine().labelCardinalityLimit(), id -> { });
        queries = new AnalyticsQueries(config, registry, store, clock, this::read);
        this.temporaryDirectory = temporaryDirectory;
    }

    /** @return the metrics of {@code config} and the engine's own, by name: what a store of an engine may hold. */
    private static Map<String, MetricDefinition> catalog(final EngineConfig config)
    {
        final Map<String, MetricDefinition> catalog = new LinkedHashMap<>();
        config.metrics().forEach(m -> catalog.put(m.name(), m));
        for (final SelfMetric m : SelfMetric.values())
        {
            catalog.put(m.metricName(), m.definition());
        }
        return catalog;
    }

    /**
     * Opens the store in {@code directory}, read with the catalog and resolutions of {@code config}.
     *
     * @throws IllegalArgumentException when the directory holds no store.
     */
    public static AnalyticsReader open(final EngineConfig config, final Path directory)
    {
        return new AnalyticsReader(config, directory, SystemEpochClock.INSTANCE, null);
    }

    /** As {@link #open(EngineConfig, Path)} with a clock for relative ranges (tests). */
    public static AnalyticsReader open(final EngineConfig config, final Path directory, final EpochClock clock)
    {
        return new AnalyticsReader(config, directory, clock, null);
    }

    /**
     * Merges snapshot files of several nodes ({@link AnalyticsQueries#writeSnapshot}) into a store in a new temporary
     * directory, and opens it: every query then answers as one engine that saw the events of all the nodes would
     * (stats, exact and histogram percentiles, time series, rates, the dashboard). {@link #close()} removes the
     * directory. Series are matched by key; for a gauge's {@code last} value, the last file given that has the bucket
     * wins. Every file is checked before any is merged. See {@link dev.bridge.analytics.snapshot.MergedStore}.
     *
     * @param config    catalog and resolutions: every file must have these resolutions and only catalog metrics.
     * @param snapshots the files, at least one.
     * @throws dev.bridge.analytics.snapshot.SnapshotException when files are malformed or do not fit the
     *                                  configuration: one line per rejected file ({@code file:line:column: field:
     *                                  problem}), {@code rejectedFiles()} of them.
     * @throws IllegalArgumentException without files, or with more series than engine.max_series.
     * @throws java.io.UncheckedIOException when the temporary store cannot be written.
     */
    public static AnalyticsReader openMerged(final EngineConfig config, final List<Path> snapshots)
    {
        return openMerged(config, snapshots, SystemEpochClock.INSTANCE);
    }

    /** As {@link #openMerged(EngineConfig, List)} with a clock for relative ranges (tests). */
    public static AnalyticsReader openMerged(final EngineConfig config, final List<Path> snapshots, final EpochClock clock)
    {
        final Path directory = MergedStore.build(config, catalog(config), snapshots);
        try
        {
            return new AnalyticsReader(config, directory, clock, directory);
        }
        catch (final RuntimeException ex)
        {
            DirectoryTrees.delete(directory);
            throw ex;
        }
    }

    /** @return the queries over the store. */
    public AnalyticsQueries queries()
    {
        return queries;
    }

    private <T> T read(final Supplier<T> read)
    {
        storeUse.readLock().lock();
        try
        {
            if (closed)
            {
                throw new IllegalStateException("reader is closed");
            }
            registry.reload();
            return read.get();
        }
        finally
        {
            storeUse.readLock().unlock();
        }
    }

    @Override
    public void close()
    {
        storeUse.writeLock().lock();
        try
        {
            if (!closed)
            {
                closed = true;
                store.close();
                if (temporaryDirectory != null)
                {
                    DirectoryTrees.delete(temporaryDirectory);
                }
            }
        }
        finally
        {
            storeUse.writeLock().unlock();
        }
    }
}

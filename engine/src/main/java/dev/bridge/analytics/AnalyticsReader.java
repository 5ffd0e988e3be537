package dev.bridge.analytics;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.series.SeriesRegistry;
import dev.bridge.analytics.series.SeriesTable;
import dev.bridge.analytics.store.MetricStore;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Reads a persisted store without running an engine, also while an engine in this or another process writes it
 * (like AeronStat reads Aeron's counters): the offline {@code query} command uses it. Series created by the writer
 * after opening are picked up at each query. Thread-safe.
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
    private final ReentrantReadWriteLock storeUse = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private AnalyticsReader(final EngineConfig config, final Path directory, final EpochClock clock)
    {
        store = MetricStore.openForReading(directory);
        final Map<String, MetricDefinition> catalog = new LinkedHashMap<>();
        config.metrics().forEach(m -> catalog.put(m.name(), m));
        for (final SelfMetric m : SelfMetric.values())
        {
            catalog.put(m.metricName(), m.definition());
        }
        registry = new SeriesRegistry(catalog, store.series(), new SeriesTable(config.engine().maxSeries()),
            config.engine().labelCardinalityLimit(), id -> { });
        queries = new AnalyticsQueries(config, registry, store, clock, this::read);
    }

    /**
     * Opens the store in {@code directory}, read with the catalog and resolutions of {@code config}.
     *
     * @throws IllegalArgumentException when the directory holds no store.
     */
    public static AnalyticsReader open(final EngineConfig config, final Path directory)
    {
        return new AnalyticsReader(config, directory, SystemEpochClock.INSTANCE);
    }

    /** As {@link #open(EngineConfig, Path)} with a clock for relative ranges (tests). */
    public static AnalyticsReader open(final EngineConfig config, final Path directory, final EpochClock clock)
    {
        return new AnalyticsReader(config, directory, clock);
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
            }
        }
        finally
        {
            storeUse.writeLock().unlock();
        }
    }
}

package dev.bridge.analytics;

import dev.bridge.analytics.alert.AlertManager;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.EngineSettings;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.export.StatsdPushCounts;
import dev.bridge.analytics.export.StatsdPusher;
import dev.bridge.analytics.remote.RemoteWriteCounts;
import dev.bridge.analytics.remote.RemoteWriteExporter;
import dev.bridge.analytics.pipeline.EngineCounters;
import dev.bridge.analytics.pipeline.Pipeline;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.series.SeriesRegistry;
import dev.bridge.analytics.series.SeriesTable;
import dev.bridge.analytics.store.MetricStore;
import org.agrona.CloseHelper;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The embeddable engine: resolves handles, runs the ring and its consumer threads, persists aggregates and
 * answers queries.
 * <pre>{@code
 * try (AnalyticsEngine engine = AnalyticsEngine.start(EngineConfig.load(Path.of("config/analytics.yaml"))))
 * {
 *     CounterHandle reads = engine.counter("variable_read");          // resolve once, at setup
 *     HistogramHandle latency = engine.histogram("read_latency_us");
 *     reads.increment();                                               // hot path: no allocation, no lock
 *     latency.record(180);
 *     engine.flush();                                                  // everything published so far is visible
 *     Stats s = engine.queries().stats("read_latency_us", TimeRange.LAST_MINUTE);
 * }
 * }</pre>
 * Thread-safety: every method is thread-safe; handles may be shared by any number of producer threads (each
 * recording thread publishes into its own ring, see {@code engine.max_producer_threads}). Queries may run while
 * producers publish.
 * With {@code export.statsd.enabled}, a {@link StatsdPusher} runs on its own daemon thread from start to close.
 */
public final class AnalyticsEngine implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsEngine.class);
    private static final Duration FLUSH_TIMEOUT = Duration.ofMinutes(2);

    private final EngineConfig config;
    private final EpochClock clock;
    private final MetricStore store;
    private final EngineCounters counters;
    private final SeriesRegistry registry;
    private final Pipeline pipeline;
    private final AnalyticsQueries queries;
    /** The StatsD push, when {@code export.statsd.enabled}; null otherwise. */
    private final StatsdPusher statsdPusher;
    /** The Prometheus remote-write exporter, when {@code export.remote_write.enabled}; null otherwise. */
    private final RemoteWriteExporter remoteWriter;
    /** Alert rules, notifications and their state; its agent thread runs when the configuration has rules. */
    private final AlertManager alerts;
    /** Queries hold it for reading, close() for writing: the store is never closed under a running query. */
    private final ReentrantReadWriteLock storeUse = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /**
     * Opens the resources in order (store, self-metric registry, pipeline threads, StatsD push, remote write,
     * alerting). When one fails, those already opened are closed in reverse order, each once, and the failure is
     * thrown with their close failures suppressed on it ({@link CloseHelper}): no thread keeps running, no file stays
     * locked.
     */
    private AnalyticsEngine(final EngineConfig config, final EpochClock clock)
    {
        this.config = config;
        this.clock = clock;
        final EngineSettings settings = config.engine();
        final Map<String, MetricDefinition> catalog = new LinkedHashMap<>();
        config.metrics().forEach(m -> catalog.put(m.name(), m));
        for (final SelfMetric m : SelfMetric.values())
        {
            catalog.put(m.metricName(), m.definition());
        }
        final Deque<AutoCloseable> opened = new ArrayDeque<>(); // the last opened first
        try
        {
            final MetricStore openedStore = MetricStore.openForWriting(
                settings.dataDirectory(), StoreSizing.capacity(settings, catalog.values()));
            store = openedStore;
            opened.push(openedStore);
            final EngineCounters registryCounters = new EngineCounters();
            counters = registryCounters;
            opened.push(registryCounters);
            final List<Resolution> resolutions = settings.resolutions();
            openedStore.removeExpired(clock.time(),
                resolutions.stream().mapToLong(Resolution::widthMs).toArray(),
                resolutions.stream().mapToLong(Resolution::retentionMs).toArray());
            final SeriesTable table = new SeriesTable(settings.maxSeries());
            final AtomicCounter overflowed = registryCounters.counter(SelfMetric.SERIES_OVERFLOWED);
            registry = new SeriesRegistry(catalog, openedStore.series(), table, settings.labelCardinalityLimit(),
                overflowId -> overflowed.increment());
            // engine.resource_gauges: heap, threads, off-heap into the named catalog gauges (-1: not sampled)
            final List<String> resources = settings.resourceGauges().slots();
            final int[] sampled = new int[resources.size() + SelfMetric.values().length];
            for (int i = 0; i < resources.size(); i++)
            {
                final MetricDefinition m = resources.get(i) == null ? null : catalog.get(resources.get(i));
                sampled[i] = m != null && m.type() == MetricType.GAUGE && m.labels().isEmpty() ?
                    registry.resolve(m.name()).id() : -1;
            }
            for (final SelfMetric m : SelfMetric.values())
            {
                sampled[resources.size() + m.ordinal()] = registry.resolve(m.metricName()).id();
            }
            TotalsSeeding.seed(openedStore, registry.all(), resolutions, clock.time());
            final Pipeline openedPipeline =
                new Pipeline(settings, table, openedStore, registryCounters, clock, registry::size, sampled);
            pipeline = openedPipeline;
            // the store and the registry are closed only once the consumer threads have stopped (as in close())
            opened.pop();
            opened.pop();
            opened.push(() ->
            {
                if (openedPipeline.stopped())
                {
                    CloseHelper.closeAll(registryCounters, openedStore);
                }
            });
            opened.push(openedPipeline);
            queries = new AnalyticsQueries(config, registry, openedStore, clock, this::query);
            statsdPusher = config.export().statsd().enabled() ? StatsdPusher.start(
                queries, config.export().statsd(), config.export().prefix(), clock, registryCounters) : null;
            opened.push(statsdPusher == null ? () -> { } : statsdPusher);
            remoteWriter = config.export().remoteWrite().enabled() ? RemoteWriteExporter.start(
                queries, config, config.export().remoteWrite(), settings.dataDirectory(), clock, registryCounters) :
                null;
            opened.push(remoteWriter == null ? () -> { } : remoteWriter);
            alerts = AlertManager.create(config.alerts(), queries, settings.dataDirectory(), clock, registryCounters);
            opened.push(alerts);
            alerts.start(); // the agent thread, only when there are rules
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.closeAll(ex::addSuppressed, opened);
            throw ex;
        }
        queries.alertsSource(alerts::snapshot);
    }

    /** Starts an engine with the system clock. */
    public static AnalyticsEngine start(final EngineConfig config)
    {
        return start(config, SystemEpochClock.INSTANCE);
    }

    /**
     * Starts an engine. The clock is read by the consumer once per batch and per idle tick (tests inject one).
     *
     * @throws IllegalStateException when the data directory is held by another engine.
     */
    public static AnalyticsEngine start(final EngineConfig config, final EpochClock clock)
    {
        return new AnalyticsEngine(config, clock);
    }

    /**
     * Resolves a counter series (setup time, not per event).
     *
     * @param labelPairs label name, value, ...: names among the metric's declared labels.
     * @throws IllegalArgumentException for an unknown metric (the message lists the known ones), a metric of
     *                                  another type, or bad labels.
     */
    public CounterHandle counter(final String metric, final String... labelPairs)
    {
        final int seriesId = resolve(metric, MetricType.COUNTER, labelPairs).id();
        return new CounterHandle(pipeline.counterCells().recorder(seriesId), pipeline.publisher().forSeries(seriesId), seriesId);
    }

    /** Resolves a histogram series; see {@link #counter(String, String...)}. */
    public HistogramHandle histogram(final String metric, final String... labelPairs)
    {
        final int seriesId = resolve(metric, MetricType.HISTOGRAM, labelPairs).id();
        return new HistogramHandle(pipeline.publisher().forSeries(seriesId), seriesId);
    }

    /** Resolves a gauge series; see {@link #counter(String, String...)}. */
    public GaugeHandle gauge(final String metric, final String... labelPairs)
    {
        final int seriesId = resolve(metric, MetricType.GAUGE, labelPairs).id();
        return new GaugeHandle(pipeline.publisher().forSeries(seriesId), pipeline.gaugeOrders().cell(seriesId), seriesId);
    }

    private SeriesInfo resolve(final String metric, final MetricType type, final String[] labelPairs)
    {
        ensureOpen();
        final MetricDefinition definition = registry.metric(metric);
        if (definition.type() != type)
        {
            throw new IllegalArgumentException("metric '" + metric + "' is a " +
                definition.type().name().toLowerCase(Locale.ROOT) + ", not a " +
                type.name().toLowerCase(Locale.ROOT));
        }
        if (metric.startsWith("engine_"))
        {
            throw new IllegalArgumentException("metric '" + metric + "' is recorded by the engine itself");
        }
        return registry.resolve(metric, labelPairs);
    }

    /**
     * Returns once every event published (by any thread) before the call is aggregated and committed to the
     * store, so that queries see it.
     *
     * @throws IllegalStateException if the engine is closed, a consumer died, or two minutes passed.
     */
    public void flush()
    {
        ensureOpen();
        if (!pipeline.flush(FLUSH_TIMEOUT))
        {
            throw new IllegalStateException("flush did not complete within " + FLUSH_TIMEOUT);
        }
    }

    /**
     * @return the remote-write exporter's counts now (a read-only snapshot; the four exported as
     *         {@code engine_remote_write_*} are also {@link #selfMetric}s), or empty when {@code export.remote_write}
     *         is not enabled. Thread-safe.
     */
    public Optional<RemoteWriteCounts> remoteWriteCounts()
    {
        return remoteWriter == null ? Optional.empty() : Optional.of(remoteWriter.counts());
    }

    /** @return the query side of this engine (also usable from any thread). */
    public AnalyticsQueries queries()
    {
        return queries;
    }

    /**
     * @return the StatsD push's counts now (a read-only snapshot; three are also {@code engine_statsd_push_*}
     *         {@link #selfMetric}s), or empty when {@code export.statsd} is not enabled. Thread-safe.
     */
    public Optional<StatsdPushCounts> statsdPushCounts()
    {
        return statsdPusher == null ? Optional.empty() : Optional.of(statsdPusher.counts());
    }

    /**
     * @return the alerting of this engine: active alerts and silences ({@link AlertManager#snapshot()}, immutable
     *         records for exports), silences added and expired, listeners registered, counters.
     */
    public AlertManager alerts()
    {
        return alerts;
    }

    private <T> T query(final Supplier<T> query)
    {
        storeUse.readLock().lock();
        try
        {
            ensureOpen();
            return query.get();
        }
        finally
        {
            storeUse.readLock().unlock();
        }
    }

    /**
     * @return the current value of a self-metric counter (volatile read, no query); published events and free ring
     *         slots are computed from the ring at the call, the others are as of the consumer's last batch end.
     */
    public long selfMetric(final SelfMetric metric)
    {
        return switch (metric)
        {
            case EVENTS_PUBLISHED -> eventsPublished();
            case RING_REMAINING -> pipeline.rings().sharedRemainingCapacity();
            case PRODUCER_RINGS -> pipeline.rings().inUse();
            case SERIES -> registry.size();
            case RECORDING_THREADS -> pipeline.counterCells().blockCount();
            case STORE_BUCKETS -> store.aggregateBuckets();
            case STORE_WRITE_FAILURES -> store.writeFailures();
            default -> counters.get(metric);
        };
    }

    /** @return events offered by producers so far: those in the ring, those dropped, and counter calls. */
    public long eventsPublished()
    {
        return pipeline.offeredCount();
    }

    /** @return the ids of the consumer threads, for per-thread measurements (allocation, CPU). */
    public long[] consumerThreadIds()
    {
        return pipeline.consumerThreadIds();
    }

    /** @return the configuration the engine runs with. */
    public EngineConfig config()
    {
        return config;
    }

    /** @return true when the store was recovered after an unclean stop of its previous writer. */
    public boolean recoveredStore()
    {
        return store.recovered();
    }

    /**
     * @return true when the store records writes it refused, in this run or an earlier one (its
     *         {@code write-failures.log}): some buckets may lack their histogram or exact samples, and percentiles
     *         over them are refused. A file-system check; thread-safe.
     */
    public boolean storeLostWrites()
    {
        return store.lostWrites();
    }

    /**
     * Drains the ring, commits everything, stops the consumer threads and closes the store. Idempotent. Handles
     * used afterwards never block; their events are discarded. Queries afterwards throw IllegalStateException.
     */
    @Override
    public void close()
    {
        if (remoteWriter != null && !closed)
        {
            try
            {
                flush(); // so the last push carries every event published before close()
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("close: flush before the last remote-write push failed: {}", ex.getMessage());
            }
            try
            {
                remoteWriter.close(); // before the lock: its last push reads the store
            }
            catch (final RuntimeException ex)
            {
                LOG.error("close: the last remote-write push failed: {}", ex.toString());
            }
        }
        if (statsdPusher != null)
        {
            statsdPusher.close(); // before the lock: its last push reads the store
        }
        if (alerts != null)
        {
            alerts.close(); // before the lock: a running evaluation reads the store; saves alerts.json
        }
        storeUse.writeLock().lock();
        try
        {
            if (closed)
            {
                return;
            }
            closed = true;
            try
            {
                pipeline.close();
            }
            finally
            {
                if (pipeline.stopped())
                {
                    counters.close();
                    store.close();
                }
            }
        }
        finally
        {
            storeUse.writeLock().unlock();
        }
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("engine is closed");
        }
    }
}

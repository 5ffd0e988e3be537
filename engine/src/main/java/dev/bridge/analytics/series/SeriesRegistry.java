package dev.bridge.analytics.series;

import dev.bridge.analytics.config.MetricDefinition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Resolves (metric, labels) to series ids, once per handle, at setup time. Ids are dense, never reused, and
 * persisted (through {@code persisted}) so that a restarted engine keeps its history under the same ids.
 * <p>
 * Label sets past a metric's cardinality limit resolve to the metric's overflow series (every label value
 * {@value #OVERFLOW_VALUE}), so totals stay exact; each such resolution is reported to {@code onOverflow}.
 * <p>
 * Thread-safe: lookups are lock-free, creation of a series takes a lock. Not for the per-event path.
 */
public final class SeriesRegistry
{
    /** Label value of every label of an overflow series. */
    public static final String OVERFLOW_VALUE = "__overflow__";

    private final Map<String, MetricDefinition> catalog;
    private final Map<String, Integer> persisted;
    private final SeriesTable table;
    private final int cardinalityLimit;
    private final IntConsumer onOverflow;
    private final ConcurrentHashMap<String, SeriesInfo> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<SeriesInfo>> byMetric = new ConcurrentHashMap<>();
    private final ReentrantLock createLock = new ReentrantLock();
    private int nextId;
    private int lastPersistedSize = -1;

    /**
     * @param catalog          metrics that may be resolved, by name.
     * @param persisted        series key -> id of earlier runs; new series are added to it.
     * @param table            the consumer-side table to fill.
     * @param cardinalityLimit series per metric before the overflow series takes over.
     * @param onOverflow       called with the metric's overflow series id when a label set is redirected.
     */
    public SeriesRegistry(
        final Map<String, MetricDefinition> catalog,
        final Map<String, Integer> persisted,
        final SeriesTable table,
        final int cardinalityLimit,
        final IntConsumer onOverflow)
    {
        this.catalog = catalog;
        this.persisted = persisted;
        this.table = table;
        this.cardinalityLimit = cardinalityLimit;
        this.onOverflow = onOverflow;
        nextId = reload() + 1;
    }

    /**
     * Registers the persisted series not known yet (those another process created since), for a reader of a store
     * that an engine is writing.
     *
     * @return the highest persisted id, -1 when none.
     */
    public int reload()
    {
        createLock.lock();
        try
        {
            final int persistedSize = persisted.size();
            if (persistedSize == lastPersistedSize)
            {
                return nextId - 1; // nothing new: the common case, a size read
            }
            lastPersistedSize = persistedSize;
            int maxId = -1;
            for (final Map.Entry<String, Integer> e : persisted.entrySet())
            {
                final int id = e.getValue();
                maxId = Math.max(maxId, id);
                final MetricDefinition metric = catalog.get(SeriesKey.metricName(e.getKey()));
                if (metric != null && id < table.capacity() && !byKey.containsKey(e.getKey()))
                {
                    final Map<String, String> labels = SeriesKey.labels(e.getKey());
                    final boolean overflow = !labels.isEmpty() && labels.values().stream().allMatch(OVERFLOW_VALUE::equals);
                    register(new SeriesInfo(id, metric, labels, e.getKey(), overflow));
                }
            }
            return maxId;
        }
        finally
        {
            createLock.unlock();
        }
    }

    /**
     * Resolves a series, creating it on first use.
     *
     * @param metricName a metric of the catalog.
     * @param labelPairs label name, value, name, value...; names among the metric's labels, missing ones are "".
     * @return the series (the overflow series when the metric is past its cardinality limit).
     * @throws IllegalArgumentException for an unknown metric or label, an odd pair list, or a bad value.
     */
    public SeriesInfo resolve(final String metricName, final String... labelPairs)
    {
        final MetricDefinition metric = metric(metricName);
        final Map<String, String> labels = labels(metric, labelPairs);
        final String key = SeriesKey.format(metricName, labels);
        final SeriesInfo existing = byKey.get(key);
        if (existing != null)
        {
            return existing;
        }
        createLock.lock();
        try
        {
            final SeriesInfo again = byKey.get(key);
            if (again != null)
            {
                return again;
            }
            final List<SeriesInfo> ofMetric = byMetric.getOrDefault(metricName, List.of());
            final long regular = ofMetric.stream().filter(s -> !s.overflow()).count();
            if (!labels.isEmpty() && regular >= cardinalityLimit)
            {
                final SeriesInfo overflow = overflowSeries(metric);
                onOverflow.accept(overflow.id());
                return overflow;
            }
            return create(metric, labels, key, false);
        }
        finally
        {
            createLock.unlock();
        }
    }

    /** @return the metric of that name. */
    public MetricDefinition metric(final String metricName)
    {
        final MetricDefinition metric = catalog.get(metricName);
        if (metric == null)
        {
            throw new IllegalArgumentException("unknown metric '" + metricName + "'; known metrics: " +
                String.join(", ", catalog.keySet()));
        }
        return metric;
    }

    /** @return every series of {@code metricName} whose labels include all of {@code filter}. */
    public List<SeriesInfo> find(final String metricName, final Map<String, String> filter)
    {
        final MetricDefinition metric = metric(metricName);
        for (final String name : filter.keySet())
        {
            if (!metric.labels().contains(name))
            {
                throw new IllegalArgumentException(
                    "metric '" + metricName + "' has no label '" + name + "'; its labels: " + metric.labels());
            }
        }
        final List<SeriesInfo> found = new ArrayList<>();
        for (final SeriesInfo s : byMetric.getOrDefault(metricName, List.of()))
        {
            if (s.labels().entrySet().containsAll(filter.entrySet()))
            {
                found.add(s);
            }
        }
        return found;
    }

    /** @return every registered series. */
    public List<SeriesInfo> all()
    {
        return List.copyOf(byKey.values());
    }

    /** @return the number of registered series. */
    public int size()
    {
        return byKey.size();
    }

    private SeriesInfo overflowSeries(final MetricDefinition metric)
    {
        final Map<String, String> labels = new LinkedHashMap<>();
        metric.labels().forEach(name -> labels.put(name, OVERFLOW_VALUE));
        final String key = SeriesKey.format(metric.name(), labels);
        final SeriesInfo existing = byKey.get(key);
        return existing != null ? existing : create(metric, labels, key, true);
    }

    private SeriesInfo create(
        final MetricDefinition metric, final Map<String, String> labels, final String key, final boolean overflow)
    {
        if (nextId >= table.capacity())
        {
            throw new IllegalStateException("series capacity (engine.max_series = " + table.capacity() +
                ") is full: cannot create series " + key.replace(SeriesKey.SEPARATOR, ','));
        }
        final SeriesInfo info = new SeriesInfo(nextId++, metric, Collections.unmodifiableMap(labels), key, overflow);
        persisted.put(key, info.id());
        register(info);
        return info;
    }

    private void register(final SeriesInfo info)
    {
        table.put(info);
        byMetric.compute(info.metric().name(), (name, list) ->
        {
            final List<SeriesInfo> copy = list == null ? new ArrayList<>() : new ArrayList<>(list);
            copy.add(info);
            return List.copyOf(copy);
        });
        byKey.put(info.key(), info);
    }

    private static Map<String, String> labels(final MetricDefinition metric, final String[] labelPairs)
    {
        if (labelPairs.length % 2 != 0)
        {
            throw new IllegalArgumentException("labels of '" + metric.name() +
                "' must come in name, value pairs; got " + labelPairs.length + " strings");
        }
        final Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2)
        {
            final String name = labelPairs[i];
            final String value = labelPairs[i + 1];
            if (!metric.labels().contains(name))
            {
                throw new IllegalArgumentException(
                    "metric '" + metric.name() + "' has no label '" + name + "'; its labels: " + metric.labels());
            }
            if (value == null || value.indexOf(SeriesKey.SEPARATOR) >= 0 || OVERFLOW_VALUE.equals(value))
            {
                throw new IllegalArgumentException("invalid value for label '" + name + "' of '" + metric.name() +
                    "': " + (value == null ? "null" : "'" + value.replace(SeriesKey.SEPARATOR, '?') + "'"));
            }
            if (given.put(name, value) != null)
            {
                throw new IllegalArgumentException("label '" + name + "' given twice for '" + metric.name() + "'");
            }
        }
        final Map<String, String> ordered = new LinkedHashMap<>();
        metric.labels().forEach(name -> ordered.put(name, given.getOrDefault(name, "")));
        return ordered;
    }
}

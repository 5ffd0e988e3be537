package dev.bridge.analytics.ingest.telemetry;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.CounterHandle;
import dev.bridge.analytics.GaugeHandle;
import dev.bridge.analytics.HistogramHandle;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.TelemetryEventMapping;
import dev.bridge.analytics.config.TelemetryMetricMapping;
import dev.bridge.analytics.config.TelemetryMetricType;
import dev.bridge.analytics.config.UnitConversion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One metric mapping of an event, resolved: the engine handle (one, or one per combination of the kept tags' values,
 * cached in a copy-on-write table read without locks or allocation), the keep/drop filters as tag indexes, the unit
 * factor. {@link #emit} is the per-event path; any exception in it (a series that cannot be created, the engine's
 * capacity) detaches the binding, which records nothing afterwards, and is reported to {@code onFailure}.
 * <p>
 * Thread-safe: any number of threads emit; new tag combinations are resolved under a lock.
 */
final class MetricBinding
{
    /** Most tag combinations cached; past it a new combination is resolved on each emit (the engine's overflow). */
    static final int MAX_CACHED = 4096;

    private final AnalyticsEngine engine;
    private final String event;
    private final TelemetryMetricMapping mapping;
    private final MetricDefinition metric;
    private final TelemetryMetricType type;
    private final double factor;
    private final int[] keptIndexes;
    private final String[] keptLabels;
    private final int[] keepIndexes;
    private final String[] keepValues;
    private final int[] dropIndexes;
    private final String[] dropValues;
    private final Telemetry.FailureSink onFailure;
    private final Object fixedHandle;
    private volatile Entry[] table = new Entry[16];
    private int cached;
    private volatile boolean detached;

    /** One cached tag combination. */
    private record Entry(String[] values, int hash, Object handle)
    {
    }

    /**
     * @throws IllegalArgumentException when the mapping cannot be bound (metric missing or of another type, a tag the
     *                                  event lacks or the metric has no label for, units that do not convert).
     */
    MetricBinding(
        final AnalyticsEngine engine, final TelemetryEventMapping event, final TelemetryMetricMapping mapping,
        final Telemetry.FailureSink onFailure)
    {
        this.engine = engine;
        this.event = event.event();
        this.mapping = mapping;
        this.type = mapping.type();
        this.onFailure = onFailure;
        final Optional<MetricDefinition> found = engine.config().metric(mapping.metric());
        if (found.isEmpty())
        {
            throw new IllegalArgumentException("metric '" + mapping.metric() + "' is not in the catalog");
        }
        metric = found.get();
        if (metric.type() != type.metricType())
        {
            throw new IllegalArgumentException(type.name().toLowerCase(Locale.ROOT) + " needs a " +
                type.metricType().name().toLowerCase(Locale.ROOT) + " metric; '" + metric.name() + "' is a " +
                metric.type().name().toLowerCase(Locale.ROOT));
        }
        factor = event.unit() == null || !type.usesMeasurement() ? 1.0 : UnitConversion.factor(event.unit(), metric.unit());
        if (Double.isNaN(factor))
        {
            throw new IllegalArgumentException("unit '" + event.unit() + "' does not convert to '" + metric.unit() + "'");
        }
        final List<String> kept = mapping.tags() != null ? mapping.tags() :
            event.tags().stream().filter(metric.labels()::contains).toList();
        keptIndexes = new int[kept.size()];
        keptLabels = kept.toArray(new String[0]);
        for (int i = 0; i < kept.size(); i++)
        {
            keptIndexes[i] = indexOf(event, kept.get(i));
            if (!metric.labels().contains(kept.get(i)))
            {
                throw new IllegalArgumentException("metric '" + metric.name() + "' has no label '" + kept.get(i) + "'");
            }
        }
        keepIndexes = new int[mapping.keep().size()];
        keepValues = new String[keepIndexes.length];
        fill(event, mapping.keep(), keepIndexes, keepValues);
        dropIndexes = new int[mapping.drop().size()];
        dropValues = new String[dropIndexes.length];
        fill(event, mapping.drop(), dropIndexes, dropValues);
        fixedHandle = keptIndexes.length == 0 ? resolve(new String[0]) : null;
    }

    /** @return the mapping this binds. */
    TelemetryMetricMapping mapping()
    {
        return mapping;
    }

    /** @return true once a failure detached it. */
    boolean detached()
    {
        return detached;
    }

    /** Records one event (tag values as {@link TagValues} reads them); never throws. */
    void emit(final double measurement, final String first, final String second, final String[] many)
    {
        if (detached)
        {
            return;
        }
        try
        {
            for (int i = 0; i < keepIndexes.length; i++)
            {
                if (!keepValues[i].equals(TagValues.at(keepIndexes[i], first, second, many)))
                {
                    return;
                }
            }
            for (int i = 0; i < dropIndexes.length; i++)
            {
                if (dropValues[i].equals(TagValues.at(dropIndexes[i], first, second, many)))
                {
                    return;
                }
            }
            final Object handle = fixedHandle != null ? fixedHandle : handle(first, second, many);
            publish(handle, measurement * factor);
        }
        catch (final RuntimeException ex)
        {
            detached = true;
            onFailure.onFailure(event, mapping, ex);
        }
    }

    private void publish(final Object handle, final double value)
    {
        switch (type)
        {
            case COUNTER -> ((CounterHandle)handle).increment();
            case SUM -> ((CounterHandle)handle).add(Math.round(value));
            case LAST_VALUE -> ((GaugeHandle)handle).set(value);
            default -> ((HistogramHandle)handle).record(value);
        }
    }

    private Object handle(final String first, final String second, final String[] many)
    {
        int hash = 1;
        for (final int index : keptIndexes)
        {
            hash = 31 * hash + TagValues.at(index, first, second, many).hashCode();
        }
        final Entry[] entries = table;
        final int mask = entries.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            final Entry e = entries[slot];
            if (e == null)
            {
                break;
            }
            if (e.hash == hash && sameValues(e.values, first, second, many))
            {
                return e.handle;
            }
        }
        return resolveAndCache(hash, first, second, many);
    }

    private boolean sameValues(final String[] values, final String first, final String second, final String[] many)
    {
        for (int i = 0; i < keptIndexes.length; i++)
        {
            if (!values[i].equals(TagValues.at(keptIndexes[i], first, second, many)))
            {
                return false;
            }
        }
        return true;
    }

    private synchronized Object resolveAndCache(
        final int hash, final String first, final String second, final String[] many)
    {
        final String[] values = new String[keptIndexes.length];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = TagValues.at(keptIndexes[i], first, second, many);
        }
        for (final Entry e : table)
        {
            if (e != null && e.hash == hash && Arrays.equals(e.values, values))
            {
                return e.handle; // another thread cached it meanwhile
            }
        }
        final Object handle = resolve(values);
        if (cached < MAX_CACHED)
        {
            final Entry[] old = table;
            final Entry[] next = new Entry[cached + 1 > old.length / 2 ? old.length * 2 : old.length];
            for (final Entry e : old)
            {
                if (e != null)
                {
                    insert(next, e);
                }
            }
            insert(next, new Entry(values, hash, handle));
            cached++;
            table = next;
        }
        return handle;
    }

    private static void insert(final Entry[] entries, final Entry e)
    {
        final int mask = entries.length - 1;
        int slot = e.hash & mask;
        while (entries[slot] != null)
        {
            slot = (slot + 1) & mask;
        }
        entries[slot] = e;
    }

    private Object resolve(final String[] values)
    {
        final List<String> pairs = new ArrayList<>();
        for (int i = 0; i < values.length; i++)
        {
            pairs.add(keptLabels[i]);
            pairs.add(values[i]);
        }
        final String[] labelPairs = pairs.toArray(new String[0]);
        return switch (type.metricType())
        {
            case COUNTER -> engine.counter(metric.name(), labelPairs);
            case GAUGE -> engine.gauge(metric.name(), labelPairs);
            case HISTOGRAM -> engine.histogram(metric.name(), labelPairs);
        };
    }

    private static void fill(
        final TelemetryEventMapping event, final Map<String, String> byTag, final int[] indexes, final String[] values)
    {
        int i = 0;
        for (final Map.Entry<String, String> e : byTag.entrySet())
        {
            indexes[i] = indexOf(event, e.getKey());
            values[i] = e.getValue();
            i++;
        }
    }

    private static int indexOf(final TelemetryEventMapping event, final String tag)
    {
        final int index = event.tags().indexOf(tag);
        if (index < 0)
        {
            throw new IllegalArgumentException("'" + tag + "' is not a tag of event '" + event.event() + "'; its tags: " +
                event.tags());
        }
        return index;
    }
}

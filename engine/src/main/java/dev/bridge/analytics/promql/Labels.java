package dev.bridge.analytics.promql;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One label set of a PromQL series, sorted by name (as Prometheus keeps them); a label with an empty value is the
 * same as an absent one and is never stored. Immutable, thread-safe; equal label sets are {@code equals}.
 *
 * @param map label name -> value, sorted by name (unmodifiable).
 */
public record Labels(SortedMap<String, String> map)
{
    /** The metric name label. */
    public static final String NAME = "__name__";
    /** The empty label set. */
    public static final Labels EMPTY = new Labels(new TreeMap<>());

    public Labels
    {
        final TreeMap<String, String> copy = new TreeMap<>();
        map.forEach((k, v) ->
        {
            if (v != null && !v.isEmpty())
            {
                copy.put(k, v);
            }
        });
        map = Collections.unmodifiableSortedMap(copy);
    }

    /** @return the label set of {@code map} (empty values dropped). */
    public static Labels of(final Map<String, String> map)
    {
        return new Labels(new TreeMap<>(map));
    }

    /** @return the value of {@code name}, "" when absent. */
    public String get(final String name)
    {
        return map.getOrDefault(name, "");
    }

    /** @return these labels without {@code __name__}. */
    public Labels withoutName()
    {
        if (!map.containsKey(NAME))
        {
            return this;
        }
        final TreeMap<String, String> copy = new TreeMap<>(map);
        copy.remove(NAME);
        return new Labels(copy);
    }

    /** @return these labels with {@code name} set to {@code value} (removed when value is empty). */
    public Labels with(final String name, final String value)
    {
        final TreeMap<String, String> copy = new TreeMap<>(map);
        copy.put(name, value);
        return new Labels(copy);
    }

    /** @return only the labels named in {@code names} ({@code keep}) or all but those ({@code !keep}). */
    public Labels filter(final Collection<String> names, final boolean keep)
    {
        final TreeMap<String, String> copy = new TreeMap<>();
        map.forEach((k, v) ->
        {
            if (names.contains(k) == keep)
            {
                copy.put(k, v);
            }
        });
        return new Labels(copy);
    }

    @Override
    public String toString()
    {
        return map.toString();
    }
}

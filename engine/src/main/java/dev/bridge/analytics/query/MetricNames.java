package dev.bridge.analytics.query;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.NameSuggestions;
import dev.bridge.analytics.pipeline.SelfMetric;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The metric names a store can be queried by (the catalog's and the engine's own {@code engine_*} gauges), and the
 * nearest of them to a mistyped name: at most {@value #MAX_SUGGESTIONS} names within Levenshtein distance
 * {@value #MAX_DISTANCE}, nearest first: what the query command and the HTTP API answer for a mistyped name.
 * Immutable; thread-safe.
 */
public final class MetricNames
{
    static final int MAX_DISTANCE = 3;
    static final int MAX_SUGGESTIONS = 3;

    private final List<String> names;

    private MetricNames(final List<String> names)
    {
        this.names = List.copyOf(names);
    }

    /** @return the names of {@code config}'s catalog and of the self-metrics. */
    public static MetricNames of(final EngineConfig config)
    {
        final List<String> names = new ArrayList<>();
        config.metrics().stream().map(MetricDefinition::name).forEach(names::add);
        for (final SelfMetric m : SelfMetric.values())
        {
            names.add(m.metricName());
        }
        return new MetricNames(names);
    }

    /**
     * @return empty for a known name, else the message for an unknown one: "unknown metric 'x'; did you mean a, b
     *         or c?" or, without near names, the list of known ones.
     */
    public Optional<String> unknown(final String metric)
    {
        if (names.contains(metric))
        {
            return Optional.empty();
        }
        final List<String> near = suggestions(metric);
        return Optional.of("unknown metric '" + metric + "'; " + (near.isEmpty() ?
            "known metrics: " + String.join(", ", names) : "did you mean " + orList(near) + "?"));
    }

    /** @return up to three known names within distance 3 of {@code metric}, nearest first, then by name. */
    public List<String> suggestions(final String metric)
    {
        return NameSuggestions.near(metric, names, MAX_DISTANCE, MAX_SUGGESTIONS);
    }

    /** @return the Levenshtein distance: insertions, deletions and substitutions turning {@code a} into {@code b}. */
    public static int distance(final String a, final String b)
    {
        return NameSuggestions.distance(a, b);
    }

    private static String orList(final List<String> names)
    {
        return names.size() == 1 ? names.get(0) :
            String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}

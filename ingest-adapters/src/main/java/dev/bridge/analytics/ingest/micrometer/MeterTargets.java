package dev.bridge.analytics.ingest.micrometer;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.NamingConvention;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the catalog metric of a meter, once, when Micrometer creates the meter: the explicit name mapping of the
 * registry's builder, else the meter's name in snake case ({@code variable.read} is {@code variable_read}); its
 * type must be one of {@code accepted}. Tags whose key is a label of the metric fill that label (others are dropped,
 * and listed in the problem log). Immutable, thread-safe.
 */
final class MeterTargets
{
    private final AnalyticsEngine engine;
    private final Map<String, String> names;

    MeterTargets(final AnalyticsEngine engine, final Map<String, String> names)
    {
        this.engine = engine;
        this.names = Map.copyOf(names);
    }

    /** @return the metric name a meter name maps to. */
    String metricName(final String meterName)
    {
        final String explicit = names.get(meterName);
        return explicit != null ? explicit : NamingConvention.snakeCase.name(meterName, Meter.Type.OTHER, null);
    }

    /** @return the target of {@code id}, a metric of one of the {@code accepted} types, or a target of none. */
    MeterTarget resolve(final Meter.Id id, final Set<MetricType> accepted)
    {
        final String name = metricName(id.getName());
        final Optional<MetricDefinition> found = engine.config().metric(name);
        if (found.isEmpty())
        {
            return MeterTarget.none("meter '" + id.getName() + "' maps to metric '" + name + "', which is not in the catalog");
        }
        final MetricDefinition metric = found.get();
        if (!accepted.contains(metric.type()))
        {
            return MeterTarget.none("meter '" + id.getName() + "' (" + id.getType().name().toLowerCase(Locale.ROOT) +
                ") maps to " + metric.type().name().toLowerCase(Locale.ROOT) + " '" + name + "'; it needs a " +
                accepted.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).sorted().toList());
        }
        final List<String> pairs = new ArrayList<>();
        for (final Tag tag : id.getTagsAsIterable())
        {
            if (metric.labels().contains(tag.getKey()))
            {
                pairs.add(tag.getKey());
                pairs.add(tag.getValue());
            }
        }
        return new MeterTarget(metric, pairs.toArray(new String[0]), null);
    }

    /** @return nanoseconds per unit of a time-unit metric, NaN for another unit. */
    static double nanosPerUnit(final String unit)
    {
        return switch (unit.toLowerCase(Locale.ROOT))
        {
            case "nanoseconds", "ns" -> 1.0;
            case "microseconds", "us" -> 1_000.0;
            case "milliseconds", "ms" -> 1_000_000.0;
            case "seconds", "s" -> 1_000_000_000.0;
            default -> Double.NaN;
        };
    }
}

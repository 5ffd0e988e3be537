package dev.bridge.analytics.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One metric a telemetry event feeds. Immutable, thread-safe.
 *
 * @param metric the catalog metric.
 * @param type   counter, sum, last_value or distribution; must fit the metric's type.
 * @param tags   the event's tags kept as labels (each a label of the metric); the event's other tags are dropped.
 *               Null: every tag of the event that is a label of the metric.
 * @param keep   when not empty, only events whose tags have these values are recorded.
 * @param drop   events whose tags have any of these values are not recorded.
 */
public record TelemetryMetricMapping(
    String metric, TelemetryMetricType type, List<String> tags, Map<String, String> keep, Map<String, String> drop)
{
    public TelemetryMetricMapping
    {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(type, "type");
        tags = tags == null ? null : List.copyOf(tags);
        keep = Map.copyOf(keep);
        drop = Map.copyOf(drop);
    }

    /** A mapping that keeps the default tags and filters nothing. */
    public TelemetryMetricMapping(final String metric, final TelemetryMetricType type)
    {
        this(metric, type, null, Map.of(), Map.of());
    }

    /**
     * The metric at {@code path} ({@code telemetry.events[1].metrics[0]}) of a configuration file's event.
     *
     * @param eventTags the event's tags, the only ones {@code tags}, {@code keep} and {@code drop} may name.
     * @param eventUnit the event's unit, or null.
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static TelemetryMetricMapping from(final String path, final ConfigDto.TelemetryMetric m,
        final List<String> eventTags, final String eventUnit, final Checks checks,
        final Map<String, MetricDefinition> catalog) throws ConfigException
    {
        if (m == null)
        {
            throw checks.atValue(path, "expected { metric, type }, got an empty entry");
        }
        if (m.metric == null)
        {
            throw checks.missing(path, "metric", "the catalog metric");
        }
        if (m.type == null)
        {
            throw checks.missing(path, "type", "one of " + ConfigDeserializers.spellings(TelemetryMetricType.class));
        }
        final MetricDefinition metric = checks.metric(path + ".metric", m.metric, catalog);
        if (metric.type() != m.type.metricType())
        {
            throw checks.atValue(path + ".type", ConfigDeserializers.spelling(m.type) + " needs a " +
                ConfigDeserializers.spelling(m.type.metricType()) + " metric; '" + metric.name() + "' is a " +
                ConfigDeserializers.spelling(metric.type()));
        }
        if (m.type.usesMeasurement() && eventUnit != null && Double.isNaN(UnitConversion.factor(eventUnit, metric.unit())))
        {
            throw checks.atValue(path + ".metric", "the event's unit '" + eventUnit + "' cannot be converted to " +
                "the unit '" + metric.unit() + "' of metric '" + metric.name() + "'");
        }
        for (int i = 0; m.tags != null && i < m.tags.size(); i++)
        {
            final String tag = m.tags.get(i);
            if (!eventTags.contains(tag))
            {
                throw checks.atValue(path + ".tags[" + i + "]", "'" + tag + "' is not a tag of the event; its tags: " +
                    eventTags);
            }
            if (!metric.labels().contains(tag))
            {
                throw checks.atValue(path + ".tags[" + i + "]", "metric '" + metric.name() + "' has no label '" + tag +
                    "'; its labels: " + metric.labels());
            }
        }
        final Map<String, String> keep = filter(path + ".keep", m.keep, eventTags, checks);
        final Map<String, String> drop = filter(path + ".drop", m.drop, eventTags, checks);
        return new TelemetryMetricMapping(metric.name(), m.type, m.tags, keep, drop);
    }

    private static Map<String, String> filter(final String path, final Map<String, String> given,
        final List<String> eventTags, final Checks checks) throws ConfigException
    {
        if (given == null)
        {
            return Map.of();
        }
        for (final String tag : given.keySet())
        {
            if (!eventTags.contains(tag))
            {
                throw checks.atKey(path + "." + tag, "'" + tag + "' is not a tag of the event; its tags: " + eventTags);
            }
        }
        return given;
    }
}

package dev.bridge.analytics.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One metric of the catalog. Immutable, thread-safe.
 *
 * @param name      metric name, {@code [a-z_][a-z0-9_]*}.
 * @param type      counter, histogram or gauge.
 * @param unit      unit of the recorded values, e.g. {@code microseconds}, {@code operations}, {@code megabytes}.
 * @param help      one-line description.
 * @param labels    allowed label names, in declaration order; handles must give values for exactly these names.
 * @param histogram range and precision; non-null exactly when {@code type == HISTOGRAM}.
 */
public record MetricDefinition(
    String name, MetricType type, String unit, String help, List<String> labels, HistogramSpec histogram)
{
    private static final Pattern UNIT = Pattern.compile("[a-z][a-z0-9_]*");
    private static final String RESERVED_PREFIX = "engine_";
    private static final Set<String> RESERVED_LABELS = Set.of("le", "quantile");

    public MetricDefinition
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(help, "help");
        labels = List.copyOf(labels);
        if ((type == MetricType.HISTOGRAM) != (histogram != null))
        {
            throw new IllegalArgumentException(type == MetricType.HISTOGRAM ?
                "histogram metric needs a histogram range" : "only histogram metrics take a histogram range");
        }
    }

    /** @return true when negative values are valid for this metric (gauges only). */
    public boolean allowsNegative()
    {
        return type == MetricType.GAUGE;
    }

    /**
     * The metric {@code name} of a configuration file's {@code metrics:} section.
     *
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static MetricDefinition from(final String name, final ConfigDto.Metric m, final Checks checks)
        throws ConfigException
    {
        final String path = "metrics." + name;
        if (!Checks.isLowerCaseName(name))
        {
            throw checks.atKey(path, "bad metric name '" + name + "': names must match [a-z_][a-z0-9_]*");
        }
        if (name.startsWith(RESERVED_PREFIX))
        {
            throw checks.atKey(path, "metric names starting with '" + RESERVED_PREFIX +
                "' are reserved for the engine's own metrics");
        }
        if (m.type == null)
        {
            throw checks.missing(path, "type", "one of " + ConfigDeserializers.spellings(MetricType.class));
        }
        if (m.unit == null)
        {
            throw checks.missing(path, "unit", "e.g. operations, microseconds, megabytes");
        }
        if (!UNIT.matcher(m.unit).matches())
        {
            throw checks.atValue(path + ".unit", "bad unit '" + m.unit +
                "': units are lower-case words matching [a-z][a-z0-9_]*, e.g. microseconds");
        }
        if (m.help == null)
        {
            throw checks.missing(path, "help", "a one-line description");
        }
        final String help = m.help.strip();
        if (help.isEmpty() || help.indexOf('\n') >= 0 || help.indexOf('\r') >= 0)
        {
            throw checks.atValue(path + ".help", "help must be one non-empty line");
        }
        return new MetricDefinition(name, m.type, m.unit, help, labels(path, m.labels, checks),
            HistogramSpec.from(path, m, checks));
    }

    private static List<String> labels(final String path, final List<String> labels, final Checks checks)
        throws ConfigException
    {
        if (labels == null)
        {
            return List.of();
        }
        final Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < labels.size(); i++)
        {
            final String label = labels.get(i);
            final String field = path + ".labels[" + i + "]";
            checks.lowerCaseName(field, "label", label);
            if (label.startsWith("__"))
            {
                throw checks.atValue(field, "label names starting with '__' are reserved");
            }
            if (RESERVED_LABELS.contains(label))
            {
                throw checks.atValue(field, "label name '" + label + "' is reserved by Prometheus");
            }
            final Integer first = seen.putIfAbsent(label, i);
            if (first != null)
            {
                throw checks.atValue(field, "duplicate label '" + label + "' (also labels[" + first + "])");
            }
        }
        return labels;
    }
}

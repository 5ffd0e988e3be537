package dev.bridge.analytics.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named telemetry event ({@code dspex.bridge.variable.read}) and the metrics it feeds, in the spirit of Elixir's
 * Telemetry.Metrics: code emits the event with one measurement and its tag values; each metric mapping turns that
 * into a count, a sum, a last value or a distribution. Immutable, thread-safe.
 *
 * @param event       the event name: dot-separated words ({@code [a-z0-9_]+(\.[a-z0-9_]+)*}).
 * @param measurement what the emitted value measures (e.g. {@code duration}), for documentation and messages.
 * @param unit        the unit of the emitted value, converted to each metric's unit (time units nanoseconds to
 *                    seconds, byte units bytes to megabytes, 1024-based); null when emitted in the metrics' units.
 * @param tags        names of the tag values {@code emit} takes, in order (the event's metadata).
 * @param metrics     what the event records, at least one.
 */
public record TelemetryEventMapping(
    String event, String measurement, String unit, List<String> tags, List<TelemetryMetricMapping> metrics)
{
    private static final Pattern EVENT_NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");

    public TelemetryEventMapping
    {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(measurement, "measurement");
        tags = List.copyOf(tags);
        metrics = List.copyOf(metrics);
        if (!EVENT_NAME.matcher(event).matches())
        {
            throw new InvalidSettingException("event '" + event + "' must be dot-separated words of [a-z0-9_]", "event");
        }
        if (metrics.isEmpty())
        {
            throw new InvalidSettingException("metrics of event '" + event + "' must not be empty", "event");
        }
        if (new HashSet<>(tags).size() != tags.size())
        {
            throw new InvalidSettingException("tags of event '" + event + "' has a duplicate: " + tags, "tags");
        }
        if (unit != null && UnitConversion.family(unit) == null)
        {
            throw new InvalidSettingException("unit '" + unit + "' of event '" + event + "' is not one of " +
                UnitConversion.KNOWN, "unit");
        }
    }

    /**
     * The event at {@code path} ({@code telemetry.events[1]}) of a configuration file.
     *
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static TelemetryEventMapping from(final String path, final ConfigDto.TelemetryEvent e, final Checks checks,
        final Map<String, MetricDefinition> catalog) throws ConfigException
    {
        if (e == null)
        {
            throw checks.atValue(path, "expected an event { event, measurement, metrics, ... }, got an empty entry");
        }
        if (e.event == null)
        {
            throw checks.missing(path, "event", "the event name, e.g. dspex.bridge.variable.read");
        }
        if (e.measurement == null)
        {
            throw checks.missing(path, "measurement", "what the emitted value measures, e.g. duration");
        }
        if (e.metrics == null || e.metrics.isEmpty())
        {
            throw checks.missing(path, "metrics", "at least one { metric, type }");
        }
        if (e.unit != null && UnitConversion.family(e.unit) == null)
        {
            throw checks.atValue(path + ".unit", "unknown unit '" + e.unit + "'; known units: " + UnitConversion.KNOWN);
        }
        final List<String> tags = e.tags == null ? List.of() : e.tags;
        final List<TelemetryMetricMapping> metrics = new ArrayList<>();
        for (int i = 0; i < e.metrics.size(); i++)
        {
            metrics.add(TelemetryMetricMapping.from(path + ".metrics[" + i + "]", e.metrics.get(i), tags, e.unit,
                checks, catalog));
        }
        return checks.build(path, () -> new TelemetryEventMapping(e.event, e.measurement, e.unit, tags, metrics));
    }
}

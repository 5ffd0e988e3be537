package dev.bridge.analytics.config;

import java.util.HashSet;
import java.util.List;
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
            throw new IllegalArgumentException("event '" + event + "' must be dot-separated words of [a-z0-9_]");
        }
        if (metrics.isEmpty())
        {
            throw new IllegalArgumentException("metrics of event '" + event + "' must not be empty");
        }
        if (new HashSet<>(tags).size() != tags.size())
        {
            throw new IllegalArgumentException("tags of event '" + event + "' has a duplicate: " + tags);
        }
        if (unit != null && UnitConversion.family(unit) == null)
        {
            throw new IllegalArgumentException("unit '" + unit + "' of event '" + event + "' is not one of " +
                UnitConversion.KNOWN);
        }
    }
}

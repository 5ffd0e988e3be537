package dev.bridge.analytics.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The telemetry events of {@code Telemetry.of(engine)} (ingest-adapters) ({@code telemetry:}). Immutable, thread-safe.
 *
 * @param events event mappings; names are unique.
 */
public record TelemetrySettings(List<TelemetryEventMapping> events)
{
    /** No events. */
    public static final TelemetrySettings NONE = new TelemetrySettings(List.of());

    public TelemetrySettings
    {
        events = List.copyOf(events);
        final Set<String> names = new HashSet<>();
        for (final TelemetryEventMapping e : events)
        {
            if (!names.add(e.event()))
            {
                throw new IllegalArgumentException("duplicate telemetry event '" + e.event() + "'");
            }
        }
    }

    /**
     * The {@code telemetry:} section of a configuration file: event names are unique, each event's metrics are in
     * the catalog.
     *
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static TelemetrySettings from(final ConfigDto.Telemetry t, final Checks checks,
        final Map<String, MetricDefinition> catalog) throws ConfigException
    {
        final List<TelemetryEventMapping> events = new ArrayList<>();
        final Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; t.events != null && i < t.events.size(); i++)
        {
            final String path = "telemetry.events[" + i + "]";
            final TelemetryEventMapping event = TelemetryEventMapping.from(path, t.events.get(i), checks, catalog);
            final Integer first = seen.putIfAbsent(event.event(), i);
            if (first != null)
            {
                throw checks.atValue(path + ".event", "duplicate event '" + event.event() + "' (also events[" + first +
                    "], line " + checks.positions().value("telemetry.events[" + first + "].event").line() + ")");
            }
            events.add(event);
        }
        return new TelemetrySettings(events);
    }
}

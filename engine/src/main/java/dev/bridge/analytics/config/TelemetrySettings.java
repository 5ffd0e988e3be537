package dev.bridge.analytics.config;

import java.util.HashSet;
import java.util.List;
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
}

package dev.bridge.analytics.ingest.telemetry;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.TelemetryEventMapping;
import dev.bridge.analytics.config.TelemetryMetricMapping;
import dev.bridge.analytics.config.TelemetrySettings;
import dev.bridge.analytics.logging.DistinctLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The telemetry events of an engine ({@code Telemetry.of(engine)}, from the {@code telemetry:} section of its
 * configuration), an adapter over the engine's public handles as the Micrometer bridge is:
 * {@link #event(String)} resolves an event to its {@link TelemetryEvent} handle, once (later calls return the same
 * handle). A metric mapping that cannot be bound (its metric missing or of another type, in a configuration built in
 * code) or that fails while emitting is detached: counted in {@link #detachedMappings()}, logged once, the event's
 * other mappings go on.
 * <p>
 * Thread-safe.
 */
public final class Telemetry
{
    private static final Logger LOG = LoggerFactory.getLogger(Telemetry.class);

    private final AnalyticsEngine engine;
    private final Map<String, TelemetryEventMapping> mappings = new LinkedHashMap<>();
    private final Map<String, TelemetryEvent> events = new ConcurrentHashMap<>();
    private final AtomicLong detached = new AtomicLong();
    private final AtomicLong badEmits = new AtomicLong();
    private final DistinctLog logged = new DistinctLog(LOG);

    /** Reports a mapping that failed. */
    interface FailureSink
    {
        void onFailure(String event, TelemetryMetricMapping mapping, RuntimeException error);
    }

    /**
     * @return the telemetry events of {@code engine}'s configuration ({@code telemetry:}); create one per engine at
     *         setup and keep it ({@link #event} resolves each event's handle once per instance).
     */
    public static Telemetry of(final AnalyticsEngine engine)
    {
        return new Telemetry(engine, engine.config().telemetry());
    }

    /**
     * @param engine   resolves the handles.
     * @param settings the event mappings.
     */
    public Telemetry(final AnalyticsEngine engine, final TelemetrySettings settings)
    {
        this.engine = engine;
        settings.events().forEach(e -> mappings.put(e.event(), e));
    }

    /**
     * @return the handle of {@code name}, resolved on the first call (setup time, not per event).
     * @throws IllegalArgumentException for an event the configuration does not map (the message lists them).
     */
    public TelemetryEvent event(final String name)
    {
        final TelemetryEvent existing = events.get(name);
        if (existing != null)
        {
            return existing;
        }
        final TelemetryEventMapping mapping = mappings.get(name);
        if (mapping == null)
        {
            throw new IllegalArgumentException("unknown telemetry event '" + name + "'; known events: " +
                (mappings.isEmpty() ? "none (the configuration has no telemetry: section)" :
                    String.join(", ", mappings.keySet())));
        }
        return events.computeIfAbsent(name, n -> bind(mapping));
    }

    /** @return the names of the events the configuration maps, in its order. */
    public List<String> eventNames()
    {
        return List.copyOf(mappings.keySet());
    }

    /** @return metric mappings detached so far (could not be bound, or failed while emitting). */
    public long detachedMappings()
    {
        return detached.get();
    }

    /** @return emits ignored for giving the wrong number of tag values. */
    public long badEmits()
    {
        return badEmits.get();
    }

    void onBadEmit(final TelemetryEvent event, final int given)
    {
        badEmits.incrementAndGet();
        logOnce("telemetry event '" + event.name() + "' takes " + event.mapping().tags().size() + " tag values " +
            event.mapping().tags() + ", was emitted with " + given + ": not recorded (counted)");
    }

    private TelemetryEvent bind(final TelemetryEventMapping mapping)
    {
        final List<MetricBinding> bindings = new ArrayList<>();
        for (final TelemetryMetricMapping metric : mapping.metrics())
        {
            try
            {
                bindings.add(new MetricBinding(engine, mapping, metric, this::onFailure));
            }
            catch (final RuntimeException ex)
            {
                onFailure(mapping.event(), metric, ex);
            }
        }
        return new TelemetryEvent(mapping, bindings, this);
    }

    private void onFailure(final String event, final TelemetryMetricMapping mapping, final RuntimeException error)
    {
        detached.incrementAndGet();
        logOnce("telemetry event '" + event + "': the mapping to '" + mapping.metric() + "' (" +
            mapping.type().name().toLowerCase(Locale.ROOT) + ") is detached (counted): " + error.getMessage());
    }

    private void logOnce(final String message)
    {
        try
        {
            if (logged.first(message))
            {
                LOG.warn(message);
            }
        }
        catch (final RuntimeException ignore)
        {
            // never into the emitting thread
        }
    }
}

package dev.bridge.analytics.ingest.telemetry;

import dev.bridge.analytics.config.TelemetryEventMapping;

import java.util.List;

/**
 * A telemetry event resolved once ({@code Telemetry.of(engine).event("dspex.bridge.variable.read")}): {@code emit}
 * records one occurrence into every metric its mapping names. The tag values come in the order of the event's
 * {@code tags}; {@link #emit(double)}, {@link #emit(double, String)} and {@link #emit(double, String, String)} take
 * none, one and two without an array. Emitting never throws and, once a tag combination has been seen, allocates
 * nothing: a call with the wrong number of tag values records nothing and is counted
 * ({@link Telemetry#badEmits()}); a metric mapping that fails is detached ({@link Telemetry#detachedMappings()}).
 * <p>
 * Thread-safe: any number of threads may emit (handles are thread-safe for any number of threads).
 */
public final class TelemetryEvent
{
    private final TelemetryEventMapping mapping;
    private final MetricBinding[] bindings;
    private final int tagCount;
    private final Telemetry telemetry;

    TelemetryEvent(final TelemetryEventMapping mapping, final List<MetricBinding> bindings, final Telemetry telemetry)
    {
        this.mapping = mapping;
        this.bindings = bindings.toArray(new MetricBinding[0]);
        this.tagCount = mapping.tags().size();
        this.telemetry = telemetry;
    }

    /** @return the event's name. */
    public String name()
    {
        return mapping.event();
    }

    /** @return the event's mapping (measurement, unit, tags, metrics). */
    public TelemetryEventMapping mapping()
    {
        return mapping;
    }

    /** Emits an event without tags. */
    public void emit(final double measurement)
    {
        if (tagCount != 0)
        {
            telemetry.onBadEmit(this, 0);
            return;
        }
        for (final MetricBinding binding : bindings)
        {
            binding.emit(measurement, null, null, null);
        }
    }

    /** Emits an event with one tag value. */
    public void emit(final double measurement, final String tag)
    {
        if (tagCount != 1)
        {
            telemetry.onBadEmit(this, 1);
            return;
        }
        for (final MetricBinding binding : bindings)
        {
            binding.emit(measurement, tag, null, null);
        }
    }

    /** Emits an event with two tag values. */
    public void emit(final double measurement, final String firstTag, final String secondTag)
    {
        if (tagCount != 2)
        {
            telemetry.onBadEmit(this, 2);
            return;
        }
        for (final MetricBinding binding : bindings)
        {
            binding.emit(measurement, firstTag, secondTag, null);
        }
    }

    /** Emits an event with any number of tag values (the array is read during the call only). */
    public void emit(final double measurement, final String... tags)
    {
        if (tags == null || tags.length != tagCount)
        {
            telemetry.onBadEmit(this, tags == null ? 0 : tags.length);
            return;
        }
        for (final MetricBinding binding : bindings)
        {
            binding.emit(measurement, null, null, tags);
        }
    }
}

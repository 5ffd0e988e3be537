package dev.bridge.analytics.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the {@code statsd:} and {@code telemetry:} sections of a bound {@link ConfigDto} against the catalog and
 * builds {@link StatsdListenerSettings} and {@link TelemetrySettings}; every problem becomes a {@link ConfigException}
 * at the offending key or value ({@code statsd.mappings[2].metric}). Part of {@link ConfigValidator}; one instance
 * per load, confined to the loading thread.
 */
final class IngestConfigValidator
{
    private final YamlPositions at;
    private final Map<String, MetricDefinition> catalog = new LinkedHashMap<>();

    IngestConfigValidator(final YamlPositions positions, final List<MetricDefinition> metrics)
    {
        this.at = positions;
        metrics.forEach(m -> catalog.put(m.name(), m));
    }

    StatsdListenerSettings statsd(final ConfigDto.Listener s) throws ConfigException
    {
        ConfigRanges.check(at, "statsd.port", s.port);
        ConfigRanges.check(at, "statsd.receive_buffer_bytes", s.receiveBufferBytes);
        ConfigRanges.check(at, "statsd.max_datagram_bytes", s.maxDatagramBytes);
        ConfigRanges.check(at, "statsd.name_cache_entries", s.nameCacheEntries);
        final StatsdListenerSettings d = StatsdListenerSettings.DEFAULT;
        final List<StatsdMapping> mappings = new ArrayList<>();
        for (int i = 0; s.mappings != null && i < s.mappings.size(); i++)
        {
            mappings.add(mapping("statsd.mappings[" + i + "]", s.mappings.get(i)));
        }
        final StatsdUnmappedPolicy unmapped = s.unmapped != null ? s.unmapped : d.unmapped();
        final StatsdAutoRegister autoRegister = autoRegister(s.autoRegister, unmapped);
        try
        {
            return new StatsdListenerSettings(
                s.enabled != null ? s.enabled : d.enabled(),
                s.bind != null ? s.bind : d.bind(),
                s.port != null ? s.port : d.port(),
                s.receiveBufferBytes != null ? s.receiveBufferBytes : d.receiveBufferBytes(),
                s.maxDatagramBytes != null ? s.maxDatagramBytes : d.maxDatagramBytes(),
                mappings, unmapped, autoRegister,
                s.nameCacheEntries != null ? s.nameCacheEntries : d.nameCacheEntries());
        }
        catch (final IllegalArgumentException ex)
        {
            final String key = keyNamed(ex.getMessage(), ConfigBinder.keysOf(ConfigDto.Listener.class));
            throw at.errorAtValue(key.isEmpty() ? "statsd" : "statsd." + key, ex.getMessage());
        }
    }

    private StatsdMapping mapping(final String path, final ConfigDto.Mapping m) throws ConfigException
    {
        if (m == null)
        {
            throw at.errorAtValue(path, "expected a mapping rule { match, metric, ... }, got an empty entry");
        }
        if (m.match == null)
        {
            throw missing(path, "match", "a glob such as dspex.*.read, or a regular expression with match_type: regex");
        }
        if (m.metric == null)
        {
            throw missing(path, "metric", "the catalog metric, may use captures as $1");
        }
        final Map<String, String> labels = m.labels == null ? Map.of() : m.labels;
        final StatsdMapping mapping;
        try
        {
            mapping = new StatsdMapping(m.match, m.matchType != null ? m.matchType : StatsdMatchType.GLOB, m.metric, labels);
        }
        catch (final IllegalArgumentException ex)
        {
            // the record names the template it found wrong as "metric: ..." or "labels.<name>: ..."
            final String message = ex.getMessage();
            final boolean template = message.startsWith("metric:") || message.startsWith("labels.");
            final String field = template ? path + "." + message.substring(0, message.indexOf(':')) : path + ".match";
            throw at.errorAtValue(field, template ? message.substring(message.indexOf(':') + 2) : message);
        }
        if (m.metric.indexOf('$') < 0)
        {
            final MetricDefinition metric = metric(path + ".metric", m.metric);
            for (final String label : labels.keySet())
            {
                if (!metric.labels().contains(label))
                {
                    throw at.errorAtKey(path + ".labels." + label, "metric '" + metric.name() + "' has no label '" +
                        label + "'; its labels: " + metric.labels());
                }
            }
        }
        return mapping;
    }

    private StatsdAutoRegister autoRegister(final ConfigDto.AutoRegister a, final StatsdUnmappedPolicy unmapped)
        throws ConfigException
    {
        final StatsdAutoRegister d = StatsdAutoRegister.DEFAULT;
        final ConfigDto.AutoRegister given = a == null ? new ConfigDto.AutoRegister() : a;
        final StatsdAutoRegister names;
        try
        {
            names = new StatsdAutoRegister(
                given.counter != null ? given.counter : d.counter(),
                given.gauge != null ? given.gauge : d.gauge(),
                given.timer != null ? given.timer : d.timer(),
                given.histogram != null ? given.histogram : d.histogram(),
                given.set != null ? given.set : d.set());
        }
        catch (final IllegalArgumentException ex)
        {
            final String key = keyNamed(ex.getMessage(), ConfigBinder.keysOf(ConfigDto.AutoRegister.class));
            throw at.errorAtValue(key.isEmpty() ? "statsd.auto_register" : "statsd.auto_register." + key,
                ex.getMessage());
        }
        if (unmapped == StatsdUnmappedPolicy.AUTO_REGISTER)
        {
            catchAll("counter", names.counter(), MetricType.COUNTER, false);
            catchAll("gauge", names.gauge(), MetricType.GAUGE, false);
            catchAll("timer", names.timer(), MetricType.HISTOGRAM, true);
            catchAll("histogram", names.histogram(), MetricType.HISTOGRAM, false);
            catchAll("set", names.set(), MetricType.GAUGE, false);
        }
        return names;
    }

    private void catchAll(final String key, final String name, final MetricType type, final boolean timeUnit)
        throws ConfigException
    {
        final String field = "statsd.auto_register." + key;
        final String where = at.has(field) ? field : "statsd.unmapped";
        final MetricDefinition metric = catalog.get(name);
        if (metric == null)
        {
            // bin/analytics serve adds the absent ones (StatsdCatalog.autoRegisterMetrics); code that starts the
            // listener itself adds them to its catalog, or the lines of that type are counted as unmapped
            return;
        }
        if (metric.type() != type || !metric.labels().contains(StatsdAutoRegister.NAME_LABEL))
        {
            throw at.errorAtValue(where, "auto_register." + key + " metric '" + name + "' must be a " + spelling(type) +
                " with the label '" + StatsdAutoRegister.NAME_LABEL + "'; it is a " + spelling(metric.type()) +
                " with labels " + metric.labels());
        }
        if (timeUnit && Double.isNaN(UnitConversion.factor("milliseconds", metric.unit())))
        {
            throw at.errorAtValue(where, "auto_register." + key + " metric '" + name + "' must have a time unit " +
                "(nanoseconds, microseconds, milliseconds, seconds), not '" + metric.unit() + "'");
        }
    }

    TelemetrySettings telemetry(final ConfigDto.Telemetry t) throws ConfigException
    {
        final List<TelemetryEventMapping> events = new ArrayList<>();
        final Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; t.events != null && i < t.events.size(); i++)
        {
            final String path = "telemetry.events[" + i + "]";
            final TelemetryEventMapping event = event(path, t.events.get(i));
            final Integer first = seen.putIfAbsent(event.event(), i);
            if (first != null)
            {
                throw at.errorAtValue(path + ".event", "duplicate event '" + event.event() + "' (also events[" + first +
                    "], line " + at.value("telemetry.events[" + first + "].event").line() + ")");
            }
            events.add(event);
        }
        return new TelemetrySettings(events);
    }

    private TelemetryEventMapping event(final String path, final ConfigDto.TelemetryEvent e) throws ConfigException
    {
        if (e == null)
        {
            throw at.errorAtValue(path, "expected an event { event, measurement, metrics, ... }, got an empty entry");
        }
        if (e.event == null)
        {
            throw missing(path, "event", "the event name, e.g. dspex.bridge.variable.read");
        }
        if (e.measurement == null)
        {
            throw missing(path, "measurement", "what the emitted value measures, e.g. duration");
        }
        if (e.metrics == null || e.metrics.isEmpty())
        {
            throw missing(path, "metrics", "at least one { metric, type }");
        }
        if (e.unit != null && UnitConversion.family(e.unit) == null)
        {
            throw at.errorAtValue(path + ".unit", "unknown unit '" + e.unit + "'; known units: " + UnitConversion.KNOWN);
        }
        final List<String> tags = e.tags == null ? List.of() : e.tags;
        final List<TelemetryMetricMapping> metrics = new ArrayList<>();
        for (int i = 0; i < e.metrics.size(); i++)
        {
            metrics.add(eventMetric(path + ".metrics[" + i + "]", e.metrics.get(i), tags, e.unit));
        }
        try
        {
            return new TelemetryEventMapping(e.event, e.measurement, e.unit, tags, metrics);
        }
        catch (final IllegalArgumentException ex)
        {
            final String message = ex.getMessage();
            final String key = message.startsWith("unit") ? "unit" : message.startsWith("tags") ? "tags" : "event";
            throw at.errorAtValue(path + "." + key, message);
        }
    }

    private TelemetryMetricMapping eventMetric(
        final String path, final ConfigDto.TelemetryMetric m, final List<String> eventTags, final String eventUnit)
        throws ConfigException
    {
        if (m == null)
        {
            throw at.errorAtValue(path, "expected { metric, type }, got an empty entry");
        }
        if (m.metric == null)
        {
            throw missing(path, "metric", "the catalog metric");
        }
        if (m.type == null)
        {
            throw missing(path, "type", "one of " + ConfigDeserializers.spellings(TelemetryMetricType.class));
        }
        final MetricDefinition metric = metric(path + ".metric", m.metric);
        if (metric.type() != m.type.metricType())
        {
            throw at.errorAtValue(path + ".type", ConfigDeserializers.spelling(m.type) + " needs a " +
                spelling(m.type.metricType()) + " metric; '" + metric.name() + "' is a " + spelling(metric.type()));
        }
        if (m.type.usesMeasurement() && eventUnit != null && Double.isNaN(UnitConversion.factor(eventUnit, metric.unit())))
        {
            throw at.errorAtValue(path + ".metric", "the event's unit '" + eventUnit + "' cannot be converted to " +
                "the unit '" + metric.unit() + "' of metric '" + metric.name() + "'");
        }
        for (int i = 0; m.tags != null && i < m.tags.size(); i++)
        {
            final String tag = m.tags.get(i);
            if (!eventTags.contains(tag))
            {
                throw at.errorAtValue(path + ".tags[" + i + "]", "'" + tag + "' is not a tag of the event; its tags: " +
                    eventTags);
            }
            if (!metric.labels().contains(tag))
            {
                throw at.errorAtValue(path + ".tags[" + i + "]", "metric '" + metric.name() + "' has no label '" + tag +
                    "'; its labels: " + metric.labels());
            }
        }
        final Map<String, String> keep = filter(path + ".keep", m.keep, eventTags);
        final Map<String, String> drop = filter(path + ".drop", m.drop, eventTags);
        return new TelemetryMetricMapping(metric.name(), m.type, m.tags, keep, drop);
    }

    private Map<String, String> filter(final String path, final Map<String, String> given, final List<String> eventTags)
        throws ConfigException
    {
        if (given == null)
        {
            return Map.of();
        }
        for (final String tag : given.keySet())
        {
            if (!eventTags.contains(tag))
            {
                throw at.errorAtKey(path + "." + tag, "'" + tag + "' is not a tag of the event; its tags: " + eventTags);
            }
        }
        return given;
    }

    private MetricDefinition metric(final String field, final String name) throws ConfigException
    {
        final MetricDefinition metric = catalog.get(name);
        if (metric == null)
        {
            throw at.errorAtValue(field, "unknown metric '" + name + "'; known metrics: " +
                String.join(", ", catalog.keySet()));
        }
        return metric;
    }

    private ConfigException missing(final String path, final String key, final String hint)
    {
        return at.error(path + "." + key, at.key(path), "missing required key '" + key + "' (" + hint + ")");
    }

    private static String spelling(final MetricType type)
    {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** @return the key of {@code keys} the message names first, "" when none. */
    private static String keyNamed(final String message, final List<String> keys)
    {
        String found = "";
        int foundAt = Integer.MAX_VALUE;
        for (final String key : keys)
        {
            final int i = message == null ? -1 : message.indexOf(key);
            if (i >= 0 && i < foundAt)
            {
                found = key;
                foundAt = i;
            }
        }
        return found;
    }
}

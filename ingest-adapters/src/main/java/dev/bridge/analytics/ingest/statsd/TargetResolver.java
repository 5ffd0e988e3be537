package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.StatsdAutoRegister;
import dev.bridge.analytics.config.StatsdListenerSettings;
import dev.bridge.analytics.config.StatsdUnmappedPolicy;
import dev.bridge.analytics.logging.DistinctLog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resolution path: what a line's key (name segment, type, tags) records into, decided once per key and cached
 * by the caller. Name and tags are split by dialect ({@link StatsdName}); the first mapping rule that matches gives
 * the metric and labels; without one the unmapped policy rejects or auto-registers under the catch-all metric of the
 * line's type. Under auto-register, a rule whose metric (made from captures) is not in the catalog counts as no match,
 * and a name no rule matches that is itself a catalog metric (not the listener's own) records into that metric. The metric must be in the catalog with the type the line records into ({@link StatsdType#metricType})
 * and, for a timer, a time unit; tags whose key is one of its labels fill that label when the rule does not set it.
 * Every refusal is a cached {@link StatsdTarget.Fixed} target and is logged once. Gauge and set targets are shared
 * per series, so keys that differ only in tag order drive one gauge value.
 * <p>
 * Not thread-safe: used by the receiving thread only. Allocates (strings, regex matching, handle resolution).
 */
final class TargetResolver
{
    static final StatsdTarget MALFORMED = new StatsdTarget.Fixed(LineOutcome.MALFORMED);
    static final StatsdTarget UNMAPPED = new StatsdTarget.Fixed(LineOutcome.UNMAPPED);
    static final StatsdTarget REJECTED = new StatsdTarget.Fixed(LineOutcome.REJECTED);

    private final AnalyticsEngine engine;
    private final StatsdMappings mappings;
    private final StatsdUnmappedPolicy unmapped;
    private final StatsdAutoRegister autoRegister;
    private final long setWindowMs;
    /** The listener's counts and the catch-all metrics: never recorded into by a line's own name. */
    private final Set<String> ownMetrics;
    private final DistinctLog log;
    private final Map<String, StatsdTarget> shared = new HashMap<>();

    TargetResolver(final AnalyticsEngine engine, final StatsdListenerSettings settings, final DistinctLog log)
    {
        this.engine = engine;
        this.mappings = new StatsdMappings(settings.mappings());
        this.unmapped = settings.unmapped();
        this.autoRegister = settings.autoRegister();
        this.setWindowMs = engine.config().engine().rawResolution().toMillis();
        final Set<String> own = new HashSet<>();
        StatsdCatalog.selfMetrics().forEach(m -> own.add(m.name()));
        StatsdCatalog.autoRegisterMetrics(autoRegister).forEach(m -> own.add(m.name()));
        this.ownMetrics = Set.copyOf(own);
        this.log = log;
    }

    /** @return the target of the parsed line's key (never null). */
    StatsdTarget resolve(final StatsdLine line)
    {
        final StatsdName parsed = StatsdName.parse(line.nameText(), line.tagsText());
        if (parsed.name() == null)
        {
            log.warnOnce("statsd: malformed name: " + parsed.error());
            return MALFORMED;
        }
        final StatsdType type = line.type;
        StatsdMappings.Mapped mapped = mappings.map(parsed.name());
        if (mapped != null && unmapped == StatsdUnmappedPolicy.AUTO_REGISTER &&
            engine.config().metric(mapped.metric()).isEmpty())
        {
            // a rule with captures ($1) named a metric the catalog lacks: under auto_register the line goes to the
            // catch-all, as a name no rule matched (a catalog name rule such as ([a-z_]+) -> $1 must not reject it)
            mapped = null;
        }
        final String metricName;
        final Map<String, String> labels;
        if (mapped != null)
        {
            metricName = mapped.metric();
            labels = mapped.labels();
        }
        else if (unmapped == StatsdUnmappedPolicy.AUTO_REGISTER && catalogName(parsed.name()))
        {
            metricName = parsed.name(); // a catalog metric by its own name: recorded there, tags fill its labels
            labels = Map.of();
        }
        else if (unmapped == StatsdUnmappedPolicy.AUTO_REGISTER)
        {
            metricName = catchAll(type);
            labels = Map.of(StatsdAutoRegister.NAME_LABEL, parsed.name());
        }
        else
        {
            return UNMAPPED;
        }
        final Optional<MetricDefinition> found = engine.config().metric(metricName);
        if (found.isEmpty())
        {
            if (mapped == null)
            {
                log.warnOnce("statsd: auto_register needs the catalog metric '" + metricName + "' for " +
                    type.symbol() + " lines; unmapped names of that type are counted as unmapped");
                return UNMAPPED;
            }
            return refuse("'" + parsed.name() + "' maps to metric '" + metricName + "', which is not in the catalog");
        }
        final MetricDefinition metric = found.get();
        if (metric.type() != type.metricType())
        {
            return refuse("'" + parsed.name() + "|" + type.symbol() + "' maps to " +
                metric.type().name().toLowerCase(Locale.ROOT) + " '" + metricName + "'; " + type.symbol() +
                " lines need a " + type.metricType().name().toLowerCase(Locale.ROOT));
        }
        final double scale = type == StatsdType.TIMER ? millisecondsTo(metric.unit()) : 1.0;
        if (Double.isNaN(scale))
        {
            return refuse("'" + parsed.name() + "|ms' maps to '" + metricName + "' whose unit '" + metric.unit() +
                "' is not a time unit (nanoseconds, microseconds, milliseconds, seconds)");
        }
        final List<String> pairs = new ArrayList<>();
        for (final String label : labels.keySet())
        {
            if (!metric.labels().contains(label))
            {
                return refuse("the mapping of '" + parsed.name() + "' sets label '" + label + "', which metric '" +
                    metricName + "' does not have (its labels: " + metric.labels() + ")");
            }
        }
        for (final String label : metric.labels())
        {
            final String value = labels.containsKey(label) ? labels.get(label) : parsed.tags().get(label);
            if (value != null)
            {
                pairs.add(label);
                pairs.add(value);
            }
        }
        try
        {
            return target(metricName, type, pairs.toArray(new String[0]), scale);
        }
        catch (final RuntimeException ex)
        {
            return refuse("cannot resolve '" + parsed.name() + "' to '" + metricName + "': " + ex.getMessage());
        }
    }

    private StatsdTarget target(final String metric, final StatsdType type, final String[] pairs, final double scale)
    {
        return switch (type)
        {
            case COUNTER -> new CounterTarget(engine.counter(metric, pairs));
            case TIMER, HISTOGRAM, DISTRIBUTION -> new HistogramTarget(engine.histogram(metric, pairs), scale);
            case GAUGE ->
            {
                final var gauge = engine.gauge(metric, pairs);
                yield shared.computeIfAbsent("g" + gauge.seriesId(), k -> new GaugeTarget(gauge));
            }
            case SET ->
            {
                final var gauge = engine.gauge(metric, pairs);
                yield shared.computeIfAbsent("s" + gauge.seriesId(), k -> new SetTarget(gauge, setWindowMs));
            }
        };
    }

    /** @return whether {@code name} is a catalog metric other than the listener's own counts and catch-alls. */
    private boolean catalogName(final String name)
    {
        return !ownMetrics.contains(name) && engine.config().metric(name).isPresent();
    }

    private String catchAll(final StatsdType type)
    {
        return switch (type)
        {
            case COUNTER -> autoRegister.counter();
            case GAUGE -> autoRegister.gauge();
            case TIMER -> autoRegister.timer();
            case HISTOGRAM, DISTRIBUTION -> autoRegister.histogram();
            case SET -> autoRegister.set();
        };
    }

    private StatsdTarget refuse(final String reason)
    {
        log.warnOnce("statsd: rejected: " + reason);
        return REJECTED;
    }

    /** @return the factor from milliseconds to {@code unit}, NaN when it is not a time unit. */
    static double millisecondsTo(final String unit)
    {
        return switch (unit.toLowerCase(Locale.ROOT))
        {
            case "nanoseconds", "ns" -> 1_000_000.0;
            case "microseconds", "us" -> 1_000.0;
            case "milliseconds", "ms" -> 1.0;
            case "seconds", "s" -> 0.001;
            default -> Double.NaN;
        };
    }
}

package dev.bridge.analytics.config;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The catch-all catalog metrics of {@link StatsdUnmappedPolicy#AUTO_REGISTER}, one per kind of StatsD line; each
 * must declare a label {@value #NAME_LABEL} (the StatsD name goes there) and may declare more (filled from tags of
 * the same name). Immutable, thread-safe.
 *
 * @param counter   for {@code c} lines: a counter.
 * @param gauge     for {@code g} lines: a gauge.
 * @param timer     for {@code ms} lines: a histogram with a time unit (values converted from milliseconds).
 * @param histogram for {@code h} and {@code d} lines: a histogram (values taken in its unit).
 * @param set       for {@code s} lines: a gauge (distinct values per raw bucket).
 */
public record StatsdAutoRegister(String counter, String gauge, String timer, String histogram, String set)
{
    private static final Pattern METRIC_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    /** The label that receives the StatsD name. */
    public static final String NAME_LABEL = "name";

    /** statsd_counter, statsd_gauge, statsd_timer_us, statsd_histogram, statsd_set. */
    public static final StatsdAutoRegister DEFAULT =
        new StatsdAutoRegister("statsd_counter", "statsd_gauge", "statsd_timer_us", "statsd_histogram", "statsd_set");

    public StatsdAutoRegister
    {
        check("counter", counter);
        check("gauge", gauge);
        check("timer", timer);
        check("histogram", histogram);
        check("set", set);
    }

    private static void check(final String field, final String metric)
    {
        Objects.requireNonNull(metric, field);
        if (!METRIC_NAME.matcher(metric).matches())
        {
            throw new InvalidSettingException(field + " must be a metric name ([a-z_][a-z0-9_]*), was '" + metric + "'",
                field);
        }
    }

    /**
     * {@code statsd.auto_register} of a configuration file: with {@code unmapped: auto_register}, each of these
     * metrics that the catalog has must be of the right type with the label {@value #NAME_LABEL} (absent ones are
     * added by whoever starts the listener: {@code bin/analytics serve} does).
     *
     * @param a the section as bound, or null for the defaults.
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static StatsdAutoRegister from(final ConfigDto.AutoRegister a, final StatsdUnmappedPolicy unmapped,
        final Checks checks, final Map<String, MetricDefinition> catalog) throws ConfigException
    {
        final StatsdAutoRegister d = DEFAULT;
        final ConfigDto.AutoRegister given = a == null ? new ConfigDto.AutoRegister() : a;
        final StatsdAutoRegister names = checks.build("statsd.auto_register", () -> new StatsdAutoRegister(
            given.counter != null ? given.counter : d.counter(),
            given.gauge != null ? given.gauge : d.gauge(),
            given.timer != null ? given.timer : d.timer(),
            given.histogram != null ? given.histogram : d.histogram(),
            given.set != null ? given.set : d.set()));
        if (unmapped == StatsdUnmappedPolicy.AUTO_REGISTER)
        {
            catchAll(checks, catalog, "counter", names.counter(), MetricType.COUNTER, false);
            catchAll(checks, catalog, "gauge", names.gauge(), MetricType.GAUGE, false);
            catchAll(checks, catalog, "timer", names.timer(), MetricType.HISTOGRAM, true);
            catchAll(checks, catalog, "histogram", names.histogram(), MetricType.HISTOGRAM, false);
            catchAll(checks, catalog, "set", names.set(), MetricType.GAUGE, false);
        }
        return names;
    }

    private static void catchAll(final Checks checks, final Map<String, MetricDefinition> catalog, final String key,
        final String name, final MetricType type, final boolean timeUnit) throws ConfigException
    {
        final String field = "statsd.auto_register." + key;
        final String where = checks.has(field) ? field : "statsd.unmapped";
        final MetricDefinition metric = catalog.get(name);
        if (metric == null)
        {
            // bin/analytics serve adds the absent ones (StatsdCatalog.autoRegisterMetrics); code that starts the
            // listener itself adds them to its catalog, or the lines of that type are counted as unmapped
            return;
        }
        if (metric.type() != type || !metric.labels().contains(NAME_LABEL))
        {
            throw checks.atValue(where, "auto_register." + key + " metric '" + name + "' must be a " +
                ConfigDeserializers.spelling(type) + " with the label '" + NAME_LABEL + "'; it is a " +
                ConfigDeserializers.spelling(metric.type()) + " with labels " + metric.labels());
        }
        if (timeUnit && Double.isNaN(UnitConversion.factor("milliseconds", metric.unit())))
        {
            throw checks.atValue(where, "auto_register." + key + " metric '" + name + "' must have a time unit " +
                "(nanoseconds, microseconds, milliseconds, seconds), not '" + metric.unit() + "'");
        }
    }
}

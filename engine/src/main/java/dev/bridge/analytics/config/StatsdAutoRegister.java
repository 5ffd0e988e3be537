package dev.bridge.analytics.config;

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
            throw new IllegalArgumentException(field + " must be a metric name ([a-z_][a-z0-9_]*), was '" + metric + "'");
        }
    }
}

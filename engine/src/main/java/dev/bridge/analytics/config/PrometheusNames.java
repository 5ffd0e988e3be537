package dev.bridge.analytics.config;

import java.util.regex.Pattern;

/**
 * How catalog metrics are named and scaled when exported to Prometheus, which wants base units:
 * <ul>
 *   <li>counters: {@code <prefix><name>_total}, values as recorded;</li>
 *   <li>histograms in {@code microseconds}, {@code milliseconds} or {@code nanoseconds}: exported in seconds, a
 *       trailing {@code _us}, {@code _ms} or {@code _ns} is dropped from the name and {@code _seconds} appended
 *       ({@code read_latency_us} becomes {@code dspex_read_latency_seconds}, values x 1e-6);</li>
 *   <li>gauges in {@code megabytes}: exported in bytes, a trailing {@code _mb} replaced by {@code _bytes}
 *       ({@code memory_usage_mb} becomes {@code dspex_memory_usage_bytes}, values x 1048576: a megabyte of the
 *       catalog is 2^20 bytes, so whoever records one divides bytes by {@code 1 << 20});</li>
 *   <li>everything else: {@code <prefix><name>}, values as recorded.</li>
 * </ul>
 * Stateless, thread-safe.
 */
public final class PrometheusNames
{
    /** The prefix of the DSPex bridge's metrics. */
    public static final String DSPEX_PREFIX = "dspex_";

    private static final Pattern PREFIX = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)?");

    private PrometheusNames()
    {
    }

    /** A unit the exporter converts, and how. */
    private enum Conversion
    {
        NONE(null, null, 1.0),
        MICROS_TO_SECONDS("_us", "_seconds", 1e-6),
        MILLIS_TO_SECONDS("_ms", "_seconds", 1e-3),
        NANOS_TO_SECONDS("_ns", "_seconds", 1e-9),
        MEGABYTES_TO_BYTES("_mb", "_bytes", 1024.0 * 1024.0);

        private final String nameSuffix;
        private final String baseSuffix;
        private final double factor;

        Conversion(final String nameSuffix, final String baseSuffix, final double factor)
        {
            this.nameSuffix = nameSuffix;
            this.baseSuffix = baseSuffix;
            this.factor = factor;
        }

        static Conversion of(final MetricDefinition m)
        {
            if (m.type() == MetricType.HISTOGRAM)
            {
                switch (m.unit())
                {
                    case "microseconds":
                        return MICROS_TO_SECONDS;
                    case "milliseconds":
                        return MILLIS_TO_SECONDS;
                    case "nanoseconds":
                        return NANOS_TO_SECONDS;
                    default:
                        return NONE;
                }
            }
            if (m.type() == MetricType.GAUGE && "megabytes".equals(m.unit()))
            {
                return MEGABYTES_TO_BYTES;
            }
            return NONE;
        }

        String rename(final String name)
        {
            if (this == NONE)
            {
                return name;
            }
            final String stem = name.endsWith(nameSuffix) ? name.substring(0, name.length() - nameSuffix.length()) : name;
            return stem + baseSuffix;
        }
    }

    /**
     * @param metric a catalog metric.
     * @param prefix prepended to every name, e.g. {@link #DSPEX_PREFIX}; may be empty.
     * @return the Prometheus metric family name, e.g. {@code dspex_read_latency_seconds}.
     */
    public static String familyName(final MetricDefinition metric, final String prefix)
    {
        if (!PREFIX.matcher(prefix).matches())
        {
            throw new IllegalArgumentException("not a valid Prometheus name prefix: '" + prefix + "'");
        }
        final String name = prefix + Conversion.of(metric).rename(metric.name());
        return metric.type() == MetricType.COUNTER ? name + "_total" : name;
    }

    /**
     * @param metric a catalog metric.
     * @return what recorded values are multiplied by on export: 1e-6 for histograms in microseconds, 1048576 for
     * gauges in megabytes, 1 when the unit is exported as recorded.
     */
    public static double toBaseUnitFactor(final MetricDefinition metric)
    {
        return Conversion.of(metric).factor;
    }

    /** @return the unit of exported values: {@code seconds}, {@code bytes}, or the metric's own unit. */
    public static String baseUnit(final MetricDefinition metric)
    {
        final Conversion c = Conversion.of(metric);
        return c == Conversion.NONE ? metric.unit() : c.baseSuffix.substring(1);
    }
}

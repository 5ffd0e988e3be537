package dev.bridge.analytics.config;

import java.util.Locale;
import java.util.Map;

/**
 * Factors between units of one family: time (nanoseconds, microseconds, milliseconds, seconds; also ns, us, ms, s)
 * and bytes (bytes, kilobytes, megabytes, 1024-based as the catalog's {@code _mb} gauges). Stateless, thread-safe.
 */
public final class UnitConversion
{
    /** The units it knows, for messages. */
    public static final String KNOWN = "nanoseconds, microseconds, milliseconds, seconds, bytes, kilobytes, megabytes";

    /** A unit: its family and its size in the family's smallest unit. */
    private record Unit(String family, double size)
    {
    }

    private static final Map<String, Unit> UNITS = Map.ofEntries(
        Map.entry("nanoseconds", new Unit("time", 1.0)), Map.entry("ns", new Unit("time", 1.0)),
        Map.entry("microseconds", new Unit("time", 1e3)), Map.entry("us", new Unit("time", 1e3)),
        Map.entry("milliseconds", new Unit("time", 1e6)), Map.entry("ms", new Unit("time", 1e6)),
        Map.entry("seconds", new Unit("time", 1e9)), Map.entry("s", new Unit("time", 1e9)),
        Map.entry("bytes", new Unit("bytes", 1.0)),
        Map.entry("kilobytes", new Unit("bytes", 1024.0)),
        Map.entry("megabytes", new Unit("bytes", 1024.0 * 1024.0)));

    private UnitConversion()
    {
    }

    /** @return the family of {@code unit} ("time" or "bytes"), or null when it is not a known unit. */
    public static String family(final String unit)
    {
        final Unit u = UNITS.get(unit.toLowerCase(Locale.ROOT));
        return u == null ? null : u.family();
    }

    /**
     * @return the factor that turns a value in {@code from} into {@code to}: 1 for equal units, NaN when they cannot
     *         be converted (unknown, or of different families).
     */
    public static double factor(final String from, final String to)
    {
        if (from.equalsIgnoreCase(to))
        {
            return 1.0;
        }
        final Unit f = UNITS.get(from.toLowerCase(Locale.ROOT));
        final Unit t = UNITS.get(to.toLowerCase(Locale.ROOT));
        if (f == null || t == null || !f.family().equals(t.family()))
        {
            return Double.NaN;
        }
        return f.size() / t.size();
    }
}

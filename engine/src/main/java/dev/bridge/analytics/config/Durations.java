package dev.bridge.analytics.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of the YAML file, the HTTP API and the command line: Prometheus' (its
 * {@code model.ParseDuration}), whole numbers with the units {@code y} (365 days), {@code w}, {@code d}, {@code h},
 * {@code m}, {@code s} and {@code ms}, from the largest to the smallest, each at most once ({@code 500ms},
 * {@code 30s}, {@code 1h30m}, {@code 7d}, {@code 2w}, {@code 1d12h}), or a bare {@code 0}. The spellings other tools
 * accept are refused with the right one named: {@code 1.5s} ("use 1s500ms"), {@code PT30S} ("use 30s"),
 * {@code 10} ("use 10s"), {@code 30m1h} ("use 1h30m").
 * <p>
 * Parsing never throws anything but {@link IllegalArgumentException}; a value {@link Duration} can hold is returned
 * as is, and {@link ConfigRanges} then checks it against its setting's range exactly (no conversion that could
 * overflow). Stateless, thread-safe, non-blocking.
 */
public final class Durations
{
    /** Shown in error messages. */
    public static final String SYNTAX = "a Prometheus duration, e.g. 500ms, 30s, 1h30m, 7d, 2w";

    /** The units from the largest to the smallest, the order a duration spells them in. */
    private static final String[] UNITS = { "y", "w", "d", "h", "m", "s", "ms" };
    private static final long[] UNIT_MS = { 365 * 86_400_000L, 7 * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L,
        1_000L, 1L };
    private static final int MS = UNITS.length - 1;
    /** A number with a fraction and one unit, as {@code 1.5s}: refused, with the whole-unit spelling named. */
    private static final Pattern FRACTION = Pattern.compile("([0-9]*\\.[0-9]+)(ms|y|w|d|h|m|s)");

    private Durations()
    {
    }

    /**
     * @param text the spelling (already stripped of surrounding blanks by the caller).
     * @return the duration.
     * @throws IllegalArgumentException saying what is wrong: {@code bad duration 'T': <what to write instead>},
     *                                  {@code negative duration 'T': durations must be >= 0} or
     *                                  {@code duration 'T' is out of range}.
     */
    public static Duration parse(final String text)
    {
        if ("0".equals(text))
        {
            return Duration.ZERO;
        }
        if (text.startsWith("-") && wellFormed(text.substring(1)))
        {
            throw new IllegalArgumentException("negative duration '" + text + "': durations must be >= 0");
        }
        final Duration parsed;
        try
        {
            parsed = sum(text, true);
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            throw new IllegalArgumentException("duration '" + text + "' is out of range");
        }
        if (parsed == null)
        {
            throw new IllegalArgumentException("bad duration '" + text + "': " + insteadOf(text));
        }
        return parsed;
    }

    private static boolean wellFormed(final String text)
    {
        try
        {
            return sum(text, true) != null;
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            return true; // well formed, only too large
        }
    }

    /**
     * @param ordered whether the units must go from the largest to the smallest, each at most once (the syntax), or
     *                may come in any order (to name the right spelling of a refused one).
     * @return the sum of the terms {@code <digits><unit>} that make up {@code text}, or null when it is not made of
     * such terms (or breaks the order).
     * @throws ArithmeticException or NumberFormatException when the terms are well formed but do not fit a Duration.
     */
    private static Duration sum(final String text, final boolean ordered)
    {
        if (text.isEmpty())
        {
            return null;
        }
        Duration total = Duration.ZERO;
        int previousUnit = -1;
        int i = 0;
        while (i < text.length())
        {
            final int digits = i;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9')
            {
                i++;
            }
            final int unit = unitAt(text, i);
            if (i == digits || unit < 0 || (ordered && unit <= previousUnit))
            {
                return null;
            }
            previousUnit = unit;
            total = total.plus(term(Long.parseLong(text.substring(digits, i)), unit));
            i += UNITS[unit].length();
        }
        return total;
    }

    /** @return the index in {@link #UNITS} of the unit spelled at {@code at}, or -1. */
    private static int unitAt(final String text, final int at)
    {
        if (text.startsWith("ms", at))
        {
            return MS;
        }
        for (int u = 0; u < MS; u++)
        {
            if (text.startsWith(UNITS[u], at))
            {
                return u;
            }
        }
        return -1;
    }

    private static Duration term(final long amount, final int unit)
    {
        return unit == MS ? Duration.ofMillis(amount) : Duration.ofSeconds(Math.multiplyExact(amount, UNIT_MS[unit] / 1000));
    }

    /** @return what to write instead of the refused {@code text}, naming its spelling when it has one. */
    private static String insteadOf(final String text)
    {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            return "a number needs a unit; use " + text + "s";
        }
        final Matcher fraction = FRACTION.matcher(text);
        if (fraction.matches())
        {
            final int unit = unitAt(fraction.group(2), 0);
            final BigDecimal ms = new BigDecimal(fraction.group(1)).multiply(BigDecimal.valueOf(UNIT_MS[unit]));
            return "no fractions" + wholeMillis(ms).map(m -> "; use " + spell(Duration.ofMillis(m)))
                .orElse(": write whole units, the finest is ms");
        }
        if (text.startsWith("P") || text.startsWith("p"))
        {
            try
            {
                final Duration iso = Duration.parse(text.toUpperCase(Locale.ROOT));
                if (!iso.isNegative() && !iso.isZero() && iso.getNano() % 1_000_000 == 0)
                {
                    return "ISO-8601 is not accepted; use " + spell(iso);
                }
            }
            catch (final DateTimeParseException | ArithmeticException ex)
            {
                // not ISO-8601 either: the general message
            }
        }
        final Duration anyOrder = parseAnyOrder(text);
        if (anyOrder != null)
        {
            return "units go from the largest to the smallest, each once (y w d h m s ms); use " + spell(anyOrder);
        }
        return "expected " + SYNTAX;
    }

    /** @return {@code ms} when it is a positive whole number of milliseconds that fits a long, else empty. */
    private static Optional<Long> wholeMillis(final BigDecimal ms)
    {
        try
        {
            return ms.signum() > 0 ? Optional.of(ms.longValueExact()) : Optional.empty();
        }
        catch (final ArithmeticException ex)
        {
            return Optional.empty();
        }
    }

    /** @return {@code text} read as {@code <digits><unit>} terms in any order, or null (also when it overflows). */
    private static Duration parseAnyOrder(final String text)
    {
        try
        {
            final Duration total = sum(text, false);
            return total == null || total.isZero() ? null : total;
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            return null;
        }
    }

    /**
     * @return the spelling Prometheus prints for {@code d} ({@code model.Duration.String}): {@code 0s}, else each unit
     * from the largest, years and weeks only when they divide the rest exactly ({@code 1s500ms}, {@code 1h30m},
     * {@code 90d}, {@code 2w}); sub-millisecond parts are dropped. {@code d} must not be negative.
     */
    public static String spell(final Duration d)
    {
        long ms = d.toMillis();
        if (ms == 0)
        {
            return "0s";
        }
        final StringBuilder text = new StringBuilder();
        for (int u = 0; u < UNITS.length; u++)
        {
            if (u < 2 && ms % UNIT_MS[u] != 0)
            {
                continue;
            }
            final long amount = ms / UNIT_MS[u];
            if (amount > 0)
            {
                text.append(amount).append(UNITS[u]);
                ms -= amount * UNIT_MS[u];
            }
        }
        return text.toString();
    }

    /**
     * @return an exact spelling in the YAML syntax ({@code 0s}, {@code 100ms}, {@code 60s}, {@code 5m}, {@code 24h});
     * whole minutes below five minutes stay in seconds, as the file usually spells them.
     */
    public static String format(final Duration d)
    {
        if (d.isNegative())
        {
            return "-" + format(d.negated());
        }
        final long seconds = d.getSeconds();
        final int nanos = d.getNano();
        if (nanos % 1_000_000 != 0 || (nanos != 0 && seconds > (Long.MAX_VALUE - nanos / 1_000_000) / 1000))
        {
            return d.toString();
        }
        if (nanos != 0)
        {
            return (seconds * 1000 + nanos / 1_000_000) + "ms";
        }
        if (seconds != 0 && seconds % 86_400 == 0)
        {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0)
        {
            return seconds / 3_600 + "h";
        }
        if (seconds >= 300 && seconds % 60 == 0)
        {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}

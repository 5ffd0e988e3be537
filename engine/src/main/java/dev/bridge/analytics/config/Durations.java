package dev.bridge.analytics.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of the YAML file: a whole number and a unit, {@code ms}, {@code s}, {@code m}, {@code h} or
 * {@code d} ({@code 100ms}, {@code 60s}, {@code 5m}, {@code 24h}, {@code 7d}), or a bare {@code 0}.
 * Parsing never throws anything but {@link IllegalArgumentException}; a value {@link Duration} can hold is returned
 * as is, and {@link ConfigRanges} then checks it against its setting's range exactly (no conversion that could
 * overflow). Stateless, thread-safe.
 */
public final class Durations
{
    /** Shown in error messages. */
    public static final String SYNTAX = "a whole number and a unit (ms, s, m, h, d), e.g. 100ms, 60s, 5m, 24h, 7d";

    private static final Pattern DURATION = Pattern.compile("(-?)([0-9]+)(ms|s|m|h|d)");

    private Durations()
    {
    }

    /**
     * @param text the YAML spelling.
     * @return the duration.
     * @throws IllegalArgumentException saying what is wrong (bad syntax, negative, out of range).
     */
    public static Duration parse(final String text)
    {
        if ("0".equals(text))
        {
            return Duration.ZERO;
        }
        final Matcher m = DURATION.matcher(text);
        if (!m.matches())
        {
            throw new IllegalArgumentException("bad duration '" + text + "': expected " + SYNTAX);
        }
        if (!m.group(1).isEmpty())
        {
            throw new IllegalArgumentException("negative duration '" + text + "': durations must be >= 0");
        }
        final Duration parsed;
        try
        {
            final long amount = Long.parseLong(m.group(2));
            switch (m.group(3))
            {
                case "ms":
                    parsed = Duration.ofMillis(amount);
                    break;
                case "s":
                    parsed = Duration.ofSeconds(amount);
                    break;
                case "m":
                    parsed = Duration.ofMinutes(amount);
                    break;
                case "h":
                    parsed = Duration.ofHours(amount);
                    break;
                default:
                    parsed = Duration.ofDays(amount);
                    break;
            }
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            throw new IllegalArgumentException(outOfRange(text));
        }
        return parsed;
    }

    private static String outOfRange(final String text)
    {
        return "duration '" + text + "' is out of range";
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

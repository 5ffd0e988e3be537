package dev.bridge.analytics.config;

import java.time.Duration;
import java.util.function.LongFunction;

/**
 * The documented range of one numeric or duration setting of the YAML file, by key template
 * ({@code engine.ring_size}, {@code alerts.rules[].for}: {@code []} stands for any list index). Integers are checked
 * as {@code long}s, durations exactly ({@link Duration#compareTo}, never a conversion that could overflow).
 * Immutable; thread-safe.
 *
 * @param key          the key template.
 * @param duration     true for a duration, false for an integer.
 * @param min          smallest accepted value (milliseconds for a duration).
 * @param max          largest accepted value (milliseconds for a duration).
 * @param powerOfTwo   true when the value must also be a power of two.
 * @param defaultValue the default, as the YAML spells it ("" when the key has no default).
 * @param cost         what a value costs, for the documentation.
 * @param costOf       what a value above max would cost, appended to its error ("" for nothing), or null.
 */
public record SettingRange(
    String key, boolean duration, long min, long max, boolean powerOfTwo, String defaultValue, String cost,
    LongFunction<String> costOf)
{
    /** @return the last part of the key, as error messages name it: {@code ring_size}, {@code for}. */
    public String name()
    {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** @return the range as the documentation and the errors spell it: {@code 1ms..1h}, {@code 64..4194304}. */
    public String spelling()
    {
        return duration ?
            Durations.format(Duration.ofMillis(min)) + ".." + Durations.format(Duration.ofMillis(max)) :
            min + ".." + max;
    }

    /** @return null when {@code value} is in range, else the problem ({@code ring_size must be in ..., was ...}). */
    String problem(final long value)
    {
        if (value < min || value > max || powerOfTwo && Long.bitCount(value) != 1)
        {
            final String extra = costOf == null || value <= max ? "" : costOf.apply(value);
            return name() + " must be " + (powerOfTwo ? "a power of two " : "") + "in " + spelling() + ", was " +
                value + (extra.isEmpty() ? "" : " (" + extra + ")");
        }
        return null;
    }

    /** @return null when {@code value} is in range, else the problem ({@code tick_interval must be in 1ms..1h, was 2h}). */
    String problem(final Duration value)
    {
        if (value.compareTo(Duration.ofMillis(min)) < 0 || value.compareTo(Duration.ofMillis(max)) > 0)
        {
            return name() + " must be in " + spelling() + ", was " + Durations.format(value);
        }
        return null;
    }
}

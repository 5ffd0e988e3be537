package dev.bridge.analytics.http;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration parameter: a whole positive number and a unit, {@code ms}, {@code s}, {@code m}, {@code h} or
 * {@code d} ({@code 10s}, {@code 5m}, {@code 24h}), as in the configuration file, at most
 * {@link dev.bridge.analytics.TimeRange#LONGEST} (so {@code now-<duration>} never overflows). Stateless; thread-safe.
 */
final class IntervalParameter
{
    static final String SYNTAX = "a whole positive number and a unit (ms, s, m, h, d), e.g. 10s, 5m, 24h";
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,12})(ms|s|m|h|d)");

    private IntervalParameter()
    {
    }

    /** @throws HttpError 400 naming {@code name} when {@code text} is not a positive duration. */
    static Duration parse(final String name, final String text)
    {
        final Matcher m = DURATION.matcher(text.trim());
        if (!m.matches())
        {
            throw HttpError.badParameter(name, "'" + text + "' is not a duration: use " + SYNTAX);
        }
        final long amount = Long.parseLong(m.group(1));
        final Duration duration = switch (m.group(2))
        {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.isZero())
        {
            throw HttpError.badParameter(name, "'" + text + "' is not positive: use " + SYNTAX);
        }
        if (duration.compareTo(dev.bridge.analytics.TimeRange.LONGEST) > 0)
        {
            throw HttpError.badParameter(name, "'" + text + "' is longer than " +
                dev.bridge.analytics.config.Durations.format(dev.bridge.analytics.TimeRange.LONGEST) +
                " (10 years, the longest retention a store can keep)");
        }
        return duration;
    }
}

package dev.bridge.analytics.http;

import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.Durations;

import java.time.Duration;

/**
 * A duration parameter ({@code interval}, and the {@code <duration>} of {@code from=now-<duration>}): a positive
 * duration in the one syntax of the configuration file and the command line, {@link Durations#parse} (Prometheus'
 * {@code 500ms}, {@code 10s}, {@code 1h30m}, {@code 7d}, {@code 2w}), at most {@link TimeRange#LONGEST} (so
 * {@code now-<duration>} never overflows). Stateless; thread-safe.
 */
final class IntervalParameter
{
    private IntervalParameter()
    {
    }

    /** @throws HttpError 400 naming {@code name} when {@code text} is not a positive duration. */
    static Duration parse(final String name, final String text)
    {
        final Duration duration;
        try
        {
            duration = Durations.parse(text.trim());
        }
        catch (final IllegalArgumentException ex)
        {
            throw HttpError.badParameter(name, ex.getMessage());
        }
        if (duration.isZero())
        {
            throw HttpError.badParameter(name, "'" + text + "' is not positive: use " + Durations.SYNTAX);
        }
        if (duration.compareTo(TimeRange.LONGEST) > 0)
        {
            throw HttpError.badParameter(name, "'" + text + "' is longer than " + Durations.format(TimeRange.LONGEST) +
                " (10 years, the longest retention a store can keep)");
        }
        return duration;
    }
}

package dev.bridge.analytics.http;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The {@code from} and {@code to} parameters of {@code /api/query}: an absolute time, used as given (an ISO-8601
 * instant such as {@code 2026-11-28T10:00:00Z}, or epoch milliseconds), or a time relative to the server's clock
 * ({@code now}, {@code now-15m}, or just {@code -15m}; the duration as {@link IntervalParameter} reads it, e.g.
 * {@code now-1h30m}). A relative time is moved to the end of the interval holding
 * it (the next multiple of the interval after it), so that {@code from=-5m&to=now&interval=1s} is exactly the 300
 * whole intervals up to and including the current one, aligned as the query needs, whatever the moment of the
 * request. Stateless; thread-safe.
 */
final class TimeParameter
{
    static final String SYNTAX = "an ISO-8601 instant (2026-11-28T10:00:00Z), epoch milliseconds, now, or now-<duration> " +
        "(now-15m, or -15m)";

    private TimeParameter()
    {
    }

    /**
     * @param name       the parameter's name, for errors.
     * @param text       its value.
     * @param nowMs      the server's clock.
     * @param intervalMs the query's interval, the grid relative times are moved onto.
     * @return epoch milliseconds.
     * @throws HttpError 400 naming {@code name} when {@code text} is none of the forms.
     */
    static long resolve(final String name, final String text, final long nowMs, final long intervalMs)
    {
        final String t = text.trim();
        final boolean fromNow = t.regionMatches(true, 0, "now", 0, 3);
        final String ago = fromNow ? t.substring(3) : t;
        if ((fromNow && ago.isEmpty()) || ago.startsWith("-"))
        {
            final Duration back = ago.isEmpty() ? Duration.ZERO : IntervalParameter.parse(name, ago.substring(1));
            final long atMs = nowMs - back.toMillis();
            return Math.floorDiv(atMs, intervalMs) * intervalMs + intervalMs;
        }
        try
        {
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit))
            {
                return Long.parseLong(t);
            }
            return Instant.parse(t).toEpochMilli();
        }
        catch (final DateTimeParseException | NumberFormatException | ArithmeticException ex)
        {
            throw HttpError.badParameter(name, "'" + text + "' is not a time: use " + SYNTAX);
        }
    }
}

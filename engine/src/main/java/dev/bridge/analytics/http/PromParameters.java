package dev.bridge.analytics.http;

import dev.bridge.analytics.promql.PromqlException;
import dev.bridge.analytics.promql.PromqlParser;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Times and durations of the Prometheus API's parameters, read as Prometheus 2.42 reads them: a time is float unix
 * seconds ({@code 4}, {@code 1435781451.781}, rounded to the millisecond) or RFC 3339 ({@code 2015-07-01T20:10:51.781Z});
 * a duration float seconds or a PromQL duration ({@code 15s}, {@code 1m30s}). Errors are {@code bad_data}:
 * {@code invalid parameter "start": cannot parse "x" to a valid timestamp}. Stateless, thread-safe.
 */
final class PromParameters
{
    /** A plain decimal number (Java's parser would also take {@code 1d}, {@code 1f}, {@code Infinity}). */
    private static final Pattern NUMBER =
        Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private PromParameters()
    {
    }

    /** @return the time {@code text} of parameter {@code name} in epoch ms, or {@code fallbackMs} when absent or empty. */
    static long time(final String name, final String text, final long fallbackMs)
    {
        if (text == null || text.isEmpty())
        {
            return fallbackMs;
        }
        if (NUMBER.matcher(text).matches())
        {
            final double seconds = Double.parseDouble(text);
            if (Double.isFinite(seconds) && Math.abs(seconds) < 9.2e12)
            {
                final double whole = seconds < 0 ? Math.ceil(seconds) : Math.floor(seconds);
                return (long)whole * 1000L + Math.round((seconds - whole) * 1000.0);
            }
        }
        try
        {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            throw invalid(name, "cannot parse \"" + text + "\" to a valid timestamp");
        }
    }

    /** @return the duration {@code text} of parameter {@code name} in ms (float seconds or a PromQL duration). */
    static long duration(final String name, final String text)
    {
        if (NUMBER.matcher(text).matches())
        {
            final double seconds = Double.parseDouble(text);
            if (Double.isFinite(seconds) && Math.abs(seconds) < 9.2e9)
            {
                return Math.round(seconds * 1000.0);
            }
            throw invalid(name, "cannot parse \"" + text + "\" to a valid duration. It overflows int64");
        }
        try
        {
            return PromqlParser.durationMs(text);
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            throw invalid(name, "cannot parse \"" + text + "\" to a valid duration");
        }
    }

    /**
     * @return the duration {@code text} of parameter {@code name} in ns (float seconds, exact to the ns, or a PromQL
     *         duration), saturating at {@link Long#MAX_VALUE} - 1.
     */
    static long durationNanos(final String name, final String text)
    {
        if (NUMBER.matcher(text).matches())
        {
            final double seconds = Double.parseDouble(text);
            if (Double.isFinite(seconds) && Math.abs(seconds) < 9.2e9)
            {
                return Math.round(seconds * 1e9);
            }
            throw invalid(name, "cannot parse \"" + text + "\" to a valid duration. It overflows int64");
        }
        final long ms = duration(name, text);
        return ms >= (Long.MAX_VALUE - 1) / 1_000_000L ? Long.MAX_VALUE - 1 : ms * 1_000_000L;
    }

    /** @return the {@code bad_data} error {@code invalid parameter "name": problem}. */
    static PromqlException invalid(final String name, final String problem)
    {
        return new PromqlException(PromqlException.Kind.BAD_DATA, "invalid parameter \"" + name + "\": " + problem);
    }
}

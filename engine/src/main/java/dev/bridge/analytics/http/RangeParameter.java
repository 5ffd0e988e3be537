package dev.bridge.analytics.http;

import dev.bridge.analytics.TimeRange;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code range} parameter: {@code all}, {@code last_minute}, {@code last_5_minutes}, {@code last_hour},
 * {@code last_day} (as the query command spells them), or {@code last_<duration>} for any other length
 * ({@code last_15m}, {@code last_6h}: {@link TimeRange#last}). Stateless; thread-safe.
 */
final class RangeParameter
{
    static final String NAME = "range";
    private static final Map<String, TimeRange> NAMED = TimeRange.NAMED;
    private static final String PREFIX = "last_";

    private RangeParameter()
    {
    }

    /**
     * @param text the parameter's value, or null for {@code fallback}.
     * @throws HttpError 400 for any other spelling, listing the accepted ones.
     */
    static TimeRange parse(final String text, final TimeRange fallback)
    {
        if (text == null)
        {
            return fallback;
        }
        final String t = text.trim().toLowerCase(Locale.ROOT);
        final TimeRange named = NAMED.get(t);
        if (named != null)
        {
            return named;
        }
        if (t.startsWith(PREFIX) && t.length() > PREFIX.length() && Character.isDigit(t.charAt(PREFIX.length())))
        {
            return TimeRange.last(IntervalParameter.parse(NAME, t.substring(PREFIX.length())));
        }
        throw HttpError.badParameter(NAME, "unknown range '" + text + "': use " + String.join(", ", NAMED.keySet()) +
            " or last_<duration> (last_15m, last_6h)");
    }
}

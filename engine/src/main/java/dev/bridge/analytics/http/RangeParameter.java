package dev.bridge.analytics.http;

import dev.bridge.analytics.query.TimeRange;

/**
 * The {@code range} parameter: {@code all}, {@code last_minute}, {@code last_5_minutes}, {@code last_hour},
 * {@code last_day} (as the query command spells them), or {@code last_<duration>} for any other length
 * ({@code last_15m}, {@code last_6h}), at most {@link TimeRange#LONGEST}: {@link TimeRange#parse}, shared with the query
 * command. Stateless; thread-safe.
 */
final class RangeParameter
{
    static final String NAME = "range";

    private RangeParameter()
    {
    }

    /**
     * @param text the parameter's value, or null for {@code fallback}.
     * @throws HttpError 400 (a JSON error) for any other spelling, listing the accepted ones, and for a range longer
     *                   than {@link TimeRange#LONGEST}.
     */
    static TimeRange parse(final String text, final TimeRange fallback)
    {
        if (text == null)
        {
            return fallback;
        }
        try
        {
            return TimeRange.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw HttpError.badParameter(NAME, ex.getMessage());
        }
    }
}

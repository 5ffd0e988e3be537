package dev.bridge.analytics.cli;

import dev.bridge.analytics.config.Durations;
import picocli.CommandLine;

import java.time.Duration;

/**
 * Parses a duration option in the one syntax of the configuration file and the HTTP API, {@link Durations#parse}
 * (Prometheus': {@code 500ms}, {@code 30s}, {@code 1h30m}, {@code 7d}, {@code 2w}). Must be positive. The spellings
 * this option took before are refused with the right one named ({@code 1.5s}: "use 1s500ms", {@code PT45S}:
 * "use 45s", {@code 7}: "use 7s"). Stateless; thread-safe.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    @Override
    public Duration convert(final String text)
    {
        return parse(text);
    }

    /**
     * @return the duration {@code text} denotes.
     * @throws CommandLine.TypeConversionException when it is malformed or not positive; the message is
     *                                             {@link Durations#parse}'s.
     */
    public static Duration parse(final String text)
    {
        final Duration duration;
        try
        {
            duration = Durations.parse(text.trim());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.TypeConversionException(ex.getMessage());
        }
        if (duration.isZero())
        {
            throw new CommandLine.TypeConversionException("duration must be positive, was '" + text + "'");
        }
        return duration;
    }
}

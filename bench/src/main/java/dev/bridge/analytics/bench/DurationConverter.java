package dev.bridge.analytics.bench;

import picocli.CommandLine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a duration option: a number and a unit, {@code ms}, {@code s}, {@code m} or {@code h} ({@code 500ms},
 * {@code 30s}, {@code 1.5s}, {@code 2m}); a bare number is seconds; ISO-8601 ({@code PT30S}) is accepted too.
 * Must be positive. Stateless; thread-safe.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(final String text)
    {
        return parse(text);
    }

    /**
     * @return the duration {@code text} denotes.
     * @throws CommandLine.TypeConversionException when it is malformed or not positive.
     */
    public static Duration parse(final String text)
    {
        final String trimmed = text.trim().toLowerCase(Locale.ROOT);
        final Duration duration;
        final Matcher m = FORMAT.matcher(trimmed);
        if (m.matches())
        {
            final double amount = Double.parseDouble(m.group(1));
            final String unit = m.group(2) == null ? "s" : m.group(2);
            final double nanosPerUnit = switch (unit)
            {
                case "ms" -> 1e6;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> 1e9;
            };
            duration = Duration.ofNanos(Math.round(amount * nanosPerUnit));
        }
        else
        {
            try
            {
                duration = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            catch (final DateTimeParseException ex)
            {
                throw new CommandLine.TypeConversionException(
                    "'" + text + "' is not a duration: use a number and a unit ms, s, m or h (500ms, 30s, 2m)");
            }
        }
        if (duration.isNegative() || duration.isZero())
        {
            throw new CommandLine.TypeConversionException("duration must be positive, was '" + text + "'");
        }
        return duration;
    }
}

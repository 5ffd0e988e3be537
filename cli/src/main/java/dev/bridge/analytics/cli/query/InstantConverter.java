package dev.bridge.analytics.cli.query;

import picocli.CommandLine;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses a point in time: an ISO-8601 instant ({@code 2026-11-28T10:00:00Z}, an offset such as {@code +01:00}
 * also works) or epoch milliseconds ({@code 1764324000000}). Stateless; thread-safe.
 */
public final class InstantConverter implements CommandLine.ITypeConverter<Instant>
{
    @Override
    public Instant convert(final String text)
    {
        return parse(text);
    }

    /** @throws CommandLine.TypeConversionException naming the accepted forms. */
    public static Instant parse(final String text)
    {
        final String trimmed = text.trim();
        try
        {
            if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit))
            {
                return Instant.ofEpochMilli(Long.parseLong(trimmed));
            }
            return Instant.parse(trimmed);
        }
        catch (final DateTimeParseException | NumberFormatException ex)
        {
            throw new CommandLine.TypeConversionException("'" + text +
                "' is not a time: use an ISO-8601 instant (2026-11-28T10:00:00Z) or epoch milliseconds");
        }
    }
}

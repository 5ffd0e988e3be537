package dev.bridge.analytics.bench;

import dev.bridge.analytics.config.WaitStrategyType;
import picocli.CommandLine;

import java.util.Locale;

/**
 * Parses {@code --wait-strategy}: {@code blocking}, {@code sleeping}, {@code yielding}, {@code busy_spin}
 * (any case; {@code busy-spin} and {@code busyspin} too). Stateless; thread-safe.
 */
public final class WaitStrategyConverter implements CommandLine.ITypeConverter<WaitStrategyType>
{
    @Override
    public WaitStrategyType convert(final String text)
    {
        final String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if ("BUSYSPIN".equals(name))
        {
            return WaitStrategyType.BUSY_SPIN;
        }
        try
        {
            return WaitStrategyType.valueOf(name);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.TypeConversionException(
                "'" + text + "' is not a wait strategy: use blocking, sleeping, yielding or busy_spin");
        }
    }
}

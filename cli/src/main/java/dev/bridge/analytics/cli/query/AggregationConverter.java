package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.query.Aggregation;
import picocli.CommandLine;

/** Parses {@code --agg}: {@code avg, sum, min, max, count, rate} or {@code pNN}. Stateless; thread-safe. */
public final class AggregationConverter implements CommandLine.ITypeConverter<Aggregation>
{
    @Override
    public Aggregation convert(final String text)
    {
        try
        {
            return Aggregation.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.TypeConversionException(ex.getMessage());
        }
    }
}

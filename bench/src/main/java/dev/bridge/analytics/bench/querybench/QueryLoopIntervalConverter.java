package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.cli.DurationConverter;
import picocli.CommandLine;

import java.time.Duration;

/**
 * Parses the value of {@code --query-loop[=INTERVAL]}: {@code 0} (what the bare option means) is back to back,
 * anything else a positive duration as {@link DurationConverter} reads it ({@code 10ms}). Stateless; thread-safe.
 */
public final class QueryLoopIntervalConverter implements CommandLine.ITypeConverter<Duration>
{
    @Override
    public Duration convert(final String text)
    {
        return "0".equals(text.trim()) ? Duration.ZERO : DurationConverter.parse(text);
    }
}

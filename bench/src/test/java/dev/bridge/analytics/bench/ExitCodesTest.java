package dev.bridge.analytics.bench;

import dev.bridge.analytics.cli.ExitCodesContract;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

/**
 * One exit-code table for every command ({@link ExitCodesContract}): the same for bench, query-bench and
 * statsd-load as for the command line's (the cli module's ExitCodesTest).
 */
class ExitCodesTest extends ExitCodesContract
{
    @Override
    protected CommandLine newCommandLine()
    {
        return BenchmarksCli.newCommandLine();
    }

    @Override
    protected List<String> configCommands()
    {
        return List.of("bench", "query-bench", "statsd-load");
    }

    @Override
    protected List<String> storeCommands()
    {
        return List.of("bench", "query-bench");
    }

    @Override
    protected List<String> writingCommands()
    {
        return List.of("bench");
    }

    @Override
    protected List<String> usageCommands()
    {
        return List.of("bench", "query-bench", "statsd-load");
    }

    @Override
    protected List<String> argsOf(final String command, final Path dir, final boolean forUsage)
    {
        if (forUsage)
        {
            return List.of();
        }
        return switch (command)
        {
            case "bench" -> List.of("--events", "1", "--no-baseline", "--quiet");
            case "statsd-load" -> List.of("--lines", "1");
            default -> List.of();
        };
    }

    @Override
    protected Path defaultStore(final String command, final Path dir)
    {
        return null;
    }
}

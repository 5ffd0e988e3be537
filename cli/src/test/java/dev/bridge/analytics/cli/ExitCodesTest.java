package dev.bridge.analytics.cli;

import dev.bridge.analytics.cli.query.QueryException;
import dev.bridge.analytics.config.ConfigException;
import dev.bridge.analytics.snapshot.SnapshotException;
import dev.bridge.analytics.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One exit-code table for every command ({@link ExitCodesContract}) for query, snapshot and serve (bench,
 * query-bench and statsd-load: bench's ExitCodesTest); an error picocli lets through (OutOfMemoryError) is an internal
 * error, 3, never the LOSS code 1, and every user error maps to 2.
 */
class ExitCodesTest extends ExitCodesContract
{
    @TempDir
    Path dir;

    @Override
    protected CommandLine newCommandLine()
    {
        return AnalyticsCli.newCommandLine();
    }

    @Override
    protected List<String> configCommands()
    {
        return List.of("query", "snapshot", "serve");
    }

    @Override
    protected List<String> storeCommands()
    {
        return List.of("query", "snapshot", "serve");
    }

    @Override
    protected List<String> writingCommands()
    {
        return List.of("serve");
    }

    @Override
    protected List<String> usageCommands()
    {
        return List.of("query", "snapshot", "serve");
    }

    @Override
    protected List<String> argsOf(final String command, final Path dir, final boolean forUsage)
    {
        return switch (command)
        {
            case "query" -> List.of("stats", "--metric", "variable_read");
            case "snapshot" -> forUsage ?
                List.of("--store", dir.toString(), "--out", dir.resolve("s.json").toString()) :
                List.of("--range", "last_hour", "--out", dir.resolve("s.json").toString());
            case "serve" -> forUsage ? List.of() : List.of("--port", "0", "--statsd-port", "0");
            default -> List.of();
        };
    }

    @Override
    protected Path defaultStore(final String command, final Path dir)
    {
        return command.equals("query") || command.equals("snapshot") ? dir.resolve("no-store") : null;
    }

    @Test
    void shouldMapAnOutOfMemoryErrorToTheInternalErrorCode()
    {
        final StringWriter err = new StringWriter();
        final CommandLine cl = new CommandLine(new RunsOutOfMemory());
        cl.setExecutionExceptionHandler(new CommandErrors());
        cl.setErr(new PrintWriter(err));

        assertEquals(ExitCodes.INTERNAL_ERROR, AnalyticsCli.exitCode(cl));
        assertEquals("analytics: internal error: java.lang.OutOfMemoryError: Java heap space",
            err.toString().lines().findFirst().orElse(""));
    }

    @Test
    void shouldMapEveryUserErrorToTheUsageCodeAndEverythingElseToInternal()
    {
        assertEquals(ExitCodes.USAGE, ExitCodes.of(new ConfigException("f", 1, 1, "engine.x", "bad")));
        assertEquals(ExitCodes.USAGE, ExitCodes.of(new StoreException(dir, "locked")));
        assertEquals(ExitCodes.USAGE, ExitCodes.of(new QueryException("unknown metric")));
        assertEquals(ExitCodes.USAGE,
            ExitCodes.of(new SnapshotException("f", 1, 1, "x", "bad")));
        assertEquals(ExitCodes.INTERNAL_ERROR, ExitCodes.of(new IllegalStateException("bug")));
        assertEquals(ExitCodes.INTERNAL_ERROR, ExitCodes.of(new OutOfMemoryError()));
        assertEquals(ExitCodes.INTERNAL_ERROR, ExitCodes.of(new StackOverflowError()));
    }

    @Command(name = "oom")
    static final class RunsOutOfMemory implements Callable<Integer>
    {
        @Override
        public Integer call()
        {
            throw new OutOfMemoryError("Java heap space");
        }
    }
}

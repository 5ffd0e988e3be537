package dev.bridge.analytics.cli;

import dev.bridge.analytics.cli.query.CommandRun;
import dev.bridge.analytics.cli.query.QueryException;
import dev.bridge.analytics.config.ConfigException;
import dev.bridge.analytics.snapshot.SnapshotException;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One exit-code table for every command: a configuration error, a store error and a usage error each exit 2 with
 * one line on stderr, the same for query, snapshot and serve (bench, query-bench and statsd-load: bench's
 * ExitCodesTest); an error picocli lets through (OutOfMemoryError) is an internal error, 3, never the LOSS code 1.
 */
class ExitCodesTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "query", "snapshot", "serve" })
    void shouldExitWithUsageCodeAndOneLineForAConfigurationError(final String command) throws Exception
    {
        final Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "engine:\n  tick_interval: 106751991167d\n");

        final CommandRun run = run(command, config, null);

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals(config + ":2:18: engine.tick_interval: tick_interval must be in 1ms..1h, was 106751991167d\n",
            run.err(), run.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "query", "snapshot", "serve" })
    void shouldExitWithUsageCodeAndOneLineForAStoreError(final String command) throws Exception
    {
        final Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        final CommandRun run = run(command, null, file);

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals("analytics " + command + ": " + file +
            ": not a directory: --store takes the store's directory (this is a regular file)\n", run.err(), run.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "serve" })
    void shouldExitWithUsageCodeAndOneLineForAStoreHeldByAnotherEngine(final String command)
    {
        final Path held = dir.resolve("held");
        try (MetricStore other = MetricStore.openForWriting(held, 10_000, 100))
        {
            final CommandRun run = run(command, null, held);

            assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
            assertEquals("analytics " + command + ": " + held +
                ": is already open by another engine in this JVM: close it first, or use another data_directory\n",
                run.err(), run.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "query", "snapshot", "serve" })
    void shouldExitWithUsageCodeAndTheProblemFirstForAUsageError(final String command)
    {
        final List<String> args = new ArrayList<>(List.of(command.split(" ")));
        if (command.equals("query"))
        {
            args.addAll(List.of("stats", "--metric", "variable_read"));
        }
        if (command.equals("snapshot"))
        {
            args.addAll(List.of("--store", dir.toString(), "--out", dir.resolve("s.json").toString()));
        }
        args.add("--no-such-option");

        final CommandRun run = CommandRun.of(args.toArray(String[]::new));

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals("Unknown option: '--no-such-option'", run.err().lines().findFirst().orElse(""), run.toString());
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

    /** Runs {@code command} with {@code --config} and/or {@code --store} and what else it needs to get that far. */
    private CommandRun run(final String command, final Path config, final Path store)
    {
        final List<String> args = new ArrayList<>(List.of(command));
        switch (command)
        {
            case "query" -> args.addAll(List.of("stats", "--metric", "variable_read"));
            case "snapshot" -> args.addAll(List.of("--range", "last_hour", "--out", dir.resolve("s.json").toString()));
            case "serve" -> args.addAll(List.of("--port", "0", "--statsd-port", "0"));
            default -> { }
        }
        if (config != null)
        {
            args.addAll(List.of("--config", config.toString()));
        }
        if (store != null || command.equals("query") || command.equals("snapshot"))
        {
            args.addAll(List.of("--store", (store != null ? store : dir.resolve("no-store")).toString()));
        }
        return CommandRun.of(args.toArray(String[]::new));
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

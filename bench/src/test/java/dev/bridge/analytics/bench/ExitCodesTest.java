package dev.bridge.analytics.bench;

import dev.bridge.analytics.cli.ExitCodes;
import dev.bridge.analytics.cli.query.CommandRun;
import dev.bridge.analytics.store.MetricStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One exit-code table for every command: a configuration error, a store error and a usage error each exit 2 with
 * one line on stderr, the same for bench, query-bench and statsd-load as for the command line's (the cli module's
 * ExitCodesTest).
 */
class ExitCodesTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "bench", "query-bench", "statsd-load" })
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
    @ValueSource(strings = { "bench", "query-bench" })
    void shouldExitWithUsageCodeAndOneLineForAStoreError(final String command) throws Exception
    {
        final Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        final CommandRun run = run(command, null, file);

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals("analytics " + command + ": " + file +
            ": not a directory: --store takes the store's directory (this is a regular file)\n", run.err(), run.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "bench" })
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
    @ValueSource(strings = { "bench", "query-bench", "statsd-load" })
    void shouldExitWithUsageCodeAndTheProblemFirstForAUsageError(final String command)
    {
        final List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--no-such-option");

        final CommandRun run = CommandRun.of(BenchmarksCli.newCommandLine(), args.toArray(String[]::new));

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals("Unknown option: '--no-such-option'", run.err().lines().findFirst().orElse(""), run.toString());
    }

    /** Runs {@code command} with {@code --config} and/or {@code --store} and what else it needs to get that far. */
    private CommandRun run(final String command, final Path config, final Path store)
    {
        final List<String> args = new ArrayList<>(List.of(command));
        switch (command)
        {
            case "bench" -> args.addAll(List.of("--events", "1", "--no-baseline", "--quiet"));
            case "statsd-load" -> args.addAll(List.of("--lines", "1"));
            default -> { }
        }
        if (config != null)
        {
            args.addAll(List.of("--config", config.toString()));
        }
        if (store != null)
        {
            args.addAll(List.of("--store", store.toString()));
        }
        return CommandRun.of(BenchmarksCli.newCommandLine(), args.toArray(String[]::new));
    }
}

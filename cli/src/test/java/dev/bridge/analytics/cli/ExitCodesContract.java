package dev.bridge.analytics.cli;

import dev.bridge.analytics.cli.query.CommandRun;
import dev.bridge.analytics.store.MetricStore;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exit-code table every command of a jar keeps: a configuration error, a store error, a store another engine
 * holds and a usage error each exit 2 with one line on stderr. A jar's test names its commands and how each gets as
 * far as reading its configuration and store ({@code analytics.jar}: cli's ExitCodesTest; {@code benchmarks.jar}:
 * bench's). Shared through the cli test-jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ExitCodesContract
{
    /** @return a fresh top-level command line of the jar. */
    protected abstract CommandLine newCommandLine();

    /** @return the commands that take {@code --config}. */
    protected abstract List<String> configCommands();

    /** @return the commands that take {@code --store}. */
    protected abstract List<String> storeCommands();

    /** @return the commands that open a store for writing. */
    protected abstract List<String> writingCommands();

    /** @return every command. */
    protected abstract List<String> usageCommands();

    /**
     * @param command  the command.
     * @param dir      a directory of the test's own.
     * @param forUsage true for the arguments of a usage error's run (before {@code --no-such-option}).
     * @return what {@code command} needs besides {@code --config} and {@code --store} to get that far.
     */
    protected abstract List<String> argsOf(String command, Path dir, boolean forUsage);

    /** @return the {@code --store} that {@code command} needs when the test gives none, or null. */
    protected abstract Path defaultStore(String command, Path dir);

    @ParameterizedTest
    @MethodSource("configCommands")
    void shouldExitWithUsageCodeAndOneLineForAConfigurationError(final String command, @TempDir final Path dir)
        throws Exception
    {
        final Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "engine:\n  tick_interval: 106751991167d\n");

        final CommandRun run = run(command, dir, config, null);

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals(config + ":2:18: engine.tick_interval: tick_interval must be in 1ms..1h, was 106751991167d\n",
            run.err(), run.toString());
    }

    @ParameterizedTest
    @MethodSource("storeCommands")
    void shouldExitWithUsageCodeAndOneLineForAStoreError(final String command, @TempDir final Path dir) throws Exception
    {
        final Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        final CommandRun run = run(command, dir, null, file);

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals("analytics " + command + ": " + file +
            ": not a directory: --store takes the store's directory (this is a regular file)\n", run.err(), run.toString());
    }

    @ParameterizedTest
    @MethodSource("writingCommands")
    void shouldExitWithUsageCodeAndOneLineForAStoreHeldByAnotherEngine(final String command, @TempDir final Path dir)
    {
        final Path held = dir.resolve("held");
        try (MetricStore other = MetricStore.openForWriting(held, 10_000, 100))
        {
            final CommandRun run = run(command, dir, null, held);

            assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
            assertEquals("analytics " + command + ": " + held +
                ": is already open by another engine in this JVM: close it first, or use another data_directory\n",
                run.err(), run.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("usageCommands")
    void shouldExitWithUsageCodeAndTheProblemFirstForAUsageError(final String command, @TempDir final Path dir)
    {
        final List<String> args = new ArrayList<>(List.of(command));
        args.addAll(argsOf(command, dir, true));
        args.add("--no-such-option");

        final CommandRun run = CommandRun.of(newCommandLine(), args.toArray(String[]::new));

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals("Unknown option: '--no-such-option'", run.err().lines().findFirst().orElse(""), run.toString());
    }

    /** Runs {@code command} with {@code --config} and/or {@code --store} and what else it needs to get that far. */
    private CommandRun run(final String command, final Path dir, final Path config, final Path store)
    {
        final List<String> args = new ArrayList<>(List.of(command));
        args.addAll(argsOf(command, dir, false));
        if (config != null)
        {
            args.addAll(List.of("--config", config.toString()));
        }
        final Path storeArg = store != null ? store : defaultStore(command, dir);
        if (storeArg != null)
        {
            args.addAll(List.of("--store", storeArg.toString()));
        }
        return CommandRun.of(newCommandLine(), args.toArray(String[]::new));
    }
}

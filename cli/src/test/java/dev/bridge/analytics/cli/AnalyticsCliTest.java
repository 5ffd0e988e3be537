package dev.bridge.analytics.cli;

import dev.bridge.analytics.cli.query.CommandRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** analytics.jar's top-level command: its own commands, and a help that still lists every command (issue 17). */
class AnalyticsCliTest
{
    @Test
    void shouldListEveryCommandInItsHelpWithTheBenchmarksInTheirJar()
    {
        final CommandRun run = CommandRun.of("--help");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        for (final String command : List.of("query", "snapshot", "serve", "docs", "bench", "query-bench", "statsd-load",
            "memory-bench"))
        {
            assertTrue(run.out().contains("\n  " + command + " "), command + " in\n" + run.out());
        }
        assertTrue(run.out().contains("\nLoad run and benchmarks (bench/target/benchmarks.jar, run by bin/analytics):\n"),
            run.out());
    }

    @Test
    void shouldRefuseABenchmarkCommandAsUnknown()
    {
        final CommandRun run = CommandRun.of("bench", "--events", "1");

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals("Unmatched arguments from index 0: 'bench', '--events', '1'",
            run.err().lines().findFirst().orElse(""), run.toString());
    }
}

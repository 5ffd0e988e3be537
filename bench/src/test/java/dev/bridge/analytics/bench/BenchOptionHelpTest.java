package dev.bridge.analytics.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** bench and query-bench take --config/--store from the command line's mixin and keep their own help texts. */
class BenchOptionHelpTest
{
    @Test
    void shouldKeepTheHelpTextOfBench()
    {
        assertEquals("Engine configuration (default: config/analytics.yaml if present, else the bundled defaults).",
            description("bench", "--config"));
        assertEquals("Store directory, kept (may hold earlier runs). Default: a temporary directory, deleted.",
            description("bench", "--store"));
    }

    @Test
    void shouldKeepTheHelpTextOfQueryBench()
    {
        assertEquals("Catalog and settings (default: config/analytics.yaml if present, else the bundled defaults).",
            description("query-bench", "--config"));
        assertEquals("Build the store here (a missing or empty directory; kept). Default: a temporary directory, deleted.",
            description("query-bench", "--store"));
    }

    private static String description(final String command, final String option)
    {
        final CommandLine sub = BenchmarksCli.newCommandLine().getSubcommands().get(command);
        return String.join(" ", sub.getCommandSpec().findOption(option).description());
    }
}

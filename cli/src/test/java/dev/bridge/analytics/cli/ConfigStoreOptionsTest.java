package dev.bridge.analytics.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One mixin for --config/--store, and every command keeps the help text it had before (issue 17). */
class ConfigStoreOptionsTest
{
    private static final String READ_STORE = "The store directory (an engine may be writing it; default: " +
        "engine.data_directory of the configuration, where serve writes).";

    @Test
    void shouldKeepTheHelpTextOfServe()
    {
        assertEquals("Engine configuration (default: config/analytics.yaml if present, else the bundled defaults).",
            description("--config", "serve"));
        assertEquals("Store directory (default: the configuration's data_directory).", description("--store", "serve"));
    }

    @Test
    void shouldKeepTheHelpTextOfSnapshot()
    {
        assertEquals("Catalog and resolutions of the store (default: config/analytics.yaml if present, else the " +
            "bundled defaults).", description("--config", "snapshot"));
        assertEquals(READ_STORE, description("--store", "snapshot"));
    }

    @Test
    void shouldKeepTheHelpTextOfEveryQuery()
    {
        for (final String query : new String[] { "dashboard", "stats", "percentile", "series", "export" })
        {
            assertEquals("Catalog and resolutions to read the store with (default: config/analytics.yaml if present, " +
                "else the bundled defaults).", description("--config", "query", query), query);
            assertEquals(READ_STORE, description("--store", "query", query), query);
        }
    }

    /** @return the help text of {@code option} of the subcommand at {@code path} of analytics.jar's command line. */
    static String description(final String option, final String... path)
    {
        CommandLine command = AnalyticsCli.newCommandLine();
        for (final String name : path)
        {
            command = command.getSubcommands().get(name);
        }
        return String.join(" ", command.getCommandSpec().findOption(option).description());
    }
}

package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.cli.ExitCodes;
import dev.bridge.analytics.config.EngineConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests the {@code query} commands refuse: one line on stderr, nothing on stdout, exit code 2. */
class QueryErrorsTest
{
    @TempDir
    static Path dir;
    private static long b;
    private static String store;

    @BeforeAll
    static void writeStore()
    {
        final Path storeDir = dir.resolve("store");
        b = QueryStore.writeClosed(storeDir);
        store = storeDir.toString();
    }

    @Test
    void shouldNameTheNearestMetricForAMisspelledOne()
    {
        assertRefused("analytics query: unknown metric 'read_latncy_us'; did you mean read_latency_us?",
            "query", "stats", "--store", store, "--metric", "read_latncy_us", "--json");
    }

    @Test
    void shouldNameUpToThreeNearMetricsNearestFirst()
    {
        assertRefused("analytics query: unknown metric 'variable_rite'; did you mean variable_write or variable_read?",
            "query", "percentile", "--store", store, "--metric", "variable_rite");
    }

    @Test
    void shouldListTheKnownMetricsWhenNoneIsNear()
    {
        final CommandRun run = refused("query", "series", "--store", store, "--metric", "throughput",
            "--from", Long.toString(b), "--to", Long.toString(b + 10_000));

        assertTrue(run.err().startsWith("analytics query: unknown metric 'throughput'; known metrics: variable_read, "),
            run.toString());
    }

    @Test
    void shouldRefuseAnUnknownLabel()
    {
        assertRefused("analytics query: metric 'operation_error' has no label 'op'; its labels: [operation]",
            "query", "stats", "--store", store, "--metric", "operation_error", "--labels", "op=read");
    }

    @Test
    void shouldRefuseAMalformedLabelFilter()
    {
        assertRefused("analytics query: 'operation' is not a label: use name=value pairs separated by commas " +
            "(--labels operation=read,code=UNAVAILABLE)",
            "query", "stats", "--store", store, "--metric", "operation_error", "--labels", "operation");
        assertRefused("analytics query: 'operation:read' uses ':'; write --labels operation=read",
            "query", "stats", "--store", store, "--metric", "operation_error", "--labels", "operation:read");
    }

    @Test
    void shouldRefuseFromAfterTo()
    {
        assertRefused("analytics query: --from 2026-01-01T00:00:01Z is after --to 2026-01-01T00:00:00Z",
            "query", "stats", "--store", store, "--metric", "variable_read",
            "--from", "2026-01-01T00:00:01Z", "--to", "2026-01-01T00:00:00Z");
        assertRefused("analytics query: --from 1970-01-01T00:00:02Z is after --to 1970-01-01T00:00:01Z",
            "query", "series", "--store", store, "--metric", "variable_read", "--from", "2000", "--to", "1000");
    }

    @Test
    void shouldRefuseAnIncompleteOrAmbiguousRange()
    {
        assertRefused("analytics query: --from and --to go together: give both",
            "query", "dashboard", "--store", store, "--from", Long.toString(b));
        assertRefused("analytics query: give either --range or --from and --to, not both",
            "query", "dashboard", "--store", store, "--range", "all", "--from", Long.toString(b), "--to",
            Long.toString(b + 1000));
        assertRefused("analytics query: unknown range 'last_week': use all, last_minute, last_5_minutes, last_hour, " +
            "last_day or last_<duration> (last_15m, last_6h), or --from and --to", "query", "dashboard", "--store", store, "--range", "last_week");
    }

    @Test
    void shouldRefuseAnAbsurdRangeAndAnswerAReasonableOne()
    {
        assertRefused("analytics query: range 'last_106751991167d' reaches back more than 3650d (10 years, the " +
            "longest retention a store can keep): use all for everything kept",
            "query", "stats", "--store", store, "--metric", "variable_read", "--range", "last_106751991167d");
        assertRefused("analytics query: range 'last_99999999999999999999d': duration '99999999999999999999d' is out " +
            "of range",
            "query", "stats", "--store", store, "--metric", "variable_read", "--range", "last_99999999999999999999d");
        final CommandRun run = CommandRun.of("query", "stats", "--store", store, "--metric", "variable_read",
            "--range", "last_15m");
        assertEquals(ExitCodes.OK, run.exit(), run.toString());
    }

    @Test
    void shouldRefusePercentilesOutsideZeroToOne()
    {
        assertRefused("analytics query: --p must be fractions in [0, 1] (0.99 for p99), was 95",
            "query", "percentile", "--store", store, "--metric", "read_latency_us", "--p", "0.5,95");
    }

    @Test
    void shouldRefuseThePercentilesOfACounter()
    {
        assertRefused("analytics query: metric 'variable_read' is a counter, not a histogram",
            "query", "percentile", "--store", store, "--metric", "variable_read");
    }

    @Test
    void shouldRefuseAnUnknownAggregation()
    {
        final CommandRun run = refused("query", "series", "--store", store, "--metric", "read_latency_us",
            "--from", Long.toString(b), "--to", Long.toString(b + 10_000), "--agg", "median");

        assertTrue(run.err().startsWith("Invalid value for option '--agg': unknown aggregation 'median': use avg, " +
            "sum, min, max, count, rate, last or pNN"), run.toString());
    }

    @Test
    void shouldRefuseADurationInAnotherSyntaxNamingTheRightOne()
    {
        final CommandRun fraction = refused("query", "series", "--store", store, "--metric", "variable_read",
            "--from", Long.toString(b), "--to", Long.toString(b + 10_000), "--interval", "1.5s");
        assertTrue(fraction.err().startsWith("Invalid value for option '--interval': bad duration '1.5s': no " +
            "fractions; use 1s500ms"), fraction.toString());
        final CommandRun iso = refused("query", "series", "--store", store, "--metric", "variable_read",
            "--from", Long.toString(b), "--to", Long.toString(b + 10_000), "--interval", "PT30S");
        assertTrue(iso.err().startsWith("Invalid value for option '--interval': bad duration 'PT30S': ISO-8601 is " +
            "not accepted; use 30s"), iso.toString());
    }

    @Test
    void shouldRefuseMoreThanMaxQueryPoints()
    {
        assertRefused("analytics query: the query would return 10001 points, more than the maximum of 10000 " +
            "(max_query_points): use a longer interval or a shorter range",
            "query", "series", "--store", store, "--metric", "variable_read", "--from", Long.toString(b),
            "--to", Long.toString(b + 10_001_000L), "--interval", "1s", "--agg", "sum");
    }

    @Test
    void shouldApplyTheLimitOfTheGivenConfiguration() throws Exception
    {
        final String defaults;
        try (InputStream in = EngineConfig.class.getResourceAsStream(EngineConfig.DEFAULT_RESOURCE))
        {
            defaults = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final Path config = dir.resolve("five-points.yaml");
        Files.writeString(config, defaults.replace("max_query_points: 10000", "max_query_points: 5"));

        assertRefused("analytics query: the query would return 6 points, more than the maximum of 5 " +
            "(max_query_points): use a longer interval or a shorter range",
            "query", "series", "--store", store, "--config", config.toString(), "--metric", "variable_read",
            "--from", Long.toString(b), "--to", Long.toString(b + 6_000), "--interval", "1s");
    }

    @Test
    void shouldRefuseAnInvalidConfigurationWithItsPosition() throws Exception
    {
        final Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "engine:\n  ring_size: 1000\nmetrics:\n  x:\n    type: counter\n    unit: ops\n    help: x\n");

        final CommandRun run = refused("query", "dashboard", "--store", store, "--config", config.toString());

        assertTrue(run.err().startsWith(config + ":2:"), run.toString());
    }

    @Test
    void shouldRefuseAMissingStore() throws Exception
    {
        final Path nowhere = dir.resolve("nowhere");
        assertRefused("analytics query: no store in " + nowhere + ": the directory does not exist",
            "query", "dashboard", "--store", nowhere.toString());
        final Path empty = Files.createDirectories(dir.resolve("empty"));
        assertRefused("analytics query: no store in " + empty + ": aggregates.dat is missing",
            "query", "stats", "--store", empty.toString(), "--metric", "variable_read");
    }

    @Test
    void shouldRefuseAQueryWithoutSubcommand()
    {
        refused("query");
    }

    private static void assertRefused(final String message, final String... args)
    {
        final CommandRun run = refused(args);
        assertEquals(message + System.lineSeparator(), run.err(), run.toString());
    }

    private static CommandRun refused(final String... args)
    {
        final CommandRun run = CommandRun.of(args);
        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals("", run.out(), run.toString());
        return run;
    }
}

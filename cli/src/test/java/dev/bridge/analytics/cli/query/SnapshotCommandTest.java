package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.cli.ExitCodes;
import dev.bridge.analytics.config.EngineConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@code analytics snapshot} and {@code analytics query ... --snapshot}: node A records read_latency_us 1..100 at B,
 * node B 101..200 at B + 10 s (B two minutes before the current minute); the merge of their snapshots answers as the
 * store of {@link QueryStore}, which saw both, does in {@link QueryCommandTest}.
 */
class SnapshotCommandTest
{
    @TempDir
    static Path dir;
    private static String storeA;
    private static String storeB;

    @BeforeAll
    static void writeTwoNodes()
    {
        final long b = QueryStore.startMs();
        storeA = write(dir.resolve("node-a"), b, 1);
        storeB = write(dir.resolve("node-b"), b + 10_000, 101);
    }

    private static String write(final Path store, final long atMs, final int first)
    {
        final AtomicLong clock = new AtomicLong(atMs);
        try (AnalyticsEngine engine = AnalyticsEngine.start(QueryStore.config(store), clock::get))
        {
            for (int v = first; v < first + 100; v++)
            {
                engine.histogram("read_latency_us").record(v);
            }
            engine.flush();
        }
        return store.toString();
    }

    @Test
    void shouldWriteASnapshotAndPrintWhatItHolds() throws IOException
    {
        final Path out = dir.resolve("a-summary.snap");

        final CommandRun run = CommandRun.of("snapshot", "--store", storeA, "--range", "all", "--out", out.toString());

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        // one series with data: its raw bucket, its minute and its hour
        assertEquals("snapshot of all: 1 series, 3 buckets, " + Files.size(out) + " bytes -> " + out, run.line());
        assertEquals("", run.err());
    }

    @Test
    void shouldPrintTheStatsAndPercentilesOfTheMergedSnapshots()
    {
        final String a = snapshot(storeA, "a.snap");
        final String b = snapshot(storeB, "b.snap");

        final CommandRun stats = CommandRun.of("query", "stats", "--snapshot", a, "--snapshot", b,
            "--metric", "read_latency_us", "--range", "all", "--json");
        final CommandRun percentiles = CommandRun.of("query", "percentile", "--snapshot", a, "--snapshot", b,
            "--metric", "read_latency_us", "--range", "last_hour", "--p", "0.5,0.95,0.99", "--json");

        assertEquals(ExitCodes.OK, stats.exit(), stats.toString());
        assertEquals("{\"count\":200,\"sum\":20100,\"mean\":100.5,\"min\":1,\"max\":200,\"stddev\":" +
            Math.sqrt(3333.25) + ",\"last\":200}", stats.line());
        assertEquals(ExitCodes.OK, percentiles.exit(), percentiles.toString());
        assertEquals("{\"count\":200,\"mode\":\"histogram\",\"relative_error\":0.001," +
            "\"values\":{\"0.5\":100,\"0.95\":190,\"0.99\":198}}", percentiles.line());
    }

    @Test
    void shouldRefuseBothAStoreAndSnapshots()
    {
        final CommandRun run = CommandRun.of("query", "stats", "--store", storeA, "--snapshot", "a.snap",
            "--metric", "read_latency_us");

        assertEquals(ExitCodes.USAGE, run.exit());
        assertEquals("analytics query: give either --store DIR or --snapshot FILE (one or more), not both" +
            System.lineSeparator(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void shouldReadTheConfiguredDataDirectoryWithoutStore() throws IOException
    {
        final Path config = configWithDataDirectory("node-a.yaml", "node-a");
        final Path out = dir.resolve("configured.snap");

        final CommandRun stats = CommandRun.of("query", "stats", "--config", config.toString(),
            "--metric", "read_latency_us", "--range", "all", "--json");
        final CommandRun snapshot = CommandRun.of("snapshot", "--config", config.toString(), "--range", "all",
            "--out", out.toString());

        assertEquals(ExitCodes.OK, stats.exit(), stats.toString());
        assertEquals("{\"count\":100,\"sum\":5050,\"mean\":50.5,\"min\":1,\"max\":100,\"stddev\":" +
            Math.sqrt(833.25) + ",\"last\":100}", stats.line());
        assertEquals(ExitCodes.OK, snapshot.exit(), snapshot.toString());
        assertEquals("snapshot of all: 1 series, 3 buckets, " + Files.size(out) + " bytes -> " + out, snapshot.line());
    }

    @Test
    void shouldNameTheConfigurationWhenItsDataDirectoryHasNoStore() throws IOException
    {
        final Path config = configWithDataDirectory("nowhere.yaml", "nowhere");
        final String problem = "no store in " + dir.resolve("nowhere") + ": the directory does not exist " +
            "(engine.data_directory of " + config + "; give --store DIR)" + System.lineSeparator();

        final CommandRun query = CommandRun.of("query", "dashboard", "--config", config.toString(), "--range", "all");
        final CommandRun snapshot = CommandRun.of("snapshot", "--config", config.toString(), "--range", "all",
            "--out", dir.resolve("nowhere.snap").toString());

        assertEquals(ExitCodes.USAGE, query.exit(), query.toString());
        assertEquals("analytics query: " + problem, query.err());
        assertEquals(ExitCodes.USAGE, snapshot.exit(), snapshot.toString());
        assertEquals("analytics snapshot: " + problem, snapshot.err());
    }

    /** @return a copy of the bundled configuration in {@code dir} whose data_directory is {@code dataDirectory}. */
    private static Path configWithDataDirectory(final String name, final String dataDirectory) throws IOException
    {
        final String defaults;
        try (InputStream in = EngineConfig.class.getResourceAsStream(EngineConfig.DEFAULT_RESOURCE))
        {
            defaults = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final String changed = defaults.replace("\n  data_directory: data\n", "\n  data_directory: " + dataDirectory + "\n");
        assertNotEquals(defaults, changed, "the bundled configuration sets data_directory: data");
        return Files.writeString(dir.resolve(name), changed);
    }

    @Test
    void shouldPrintEachRejectedSnapshotAndTheirCount() throws IOException
    {
        final String good = snapshot(storeA, "good.snap");
        final Path bad = Files.writeString(dir.resolve("bad.snap"), "{\"format\":\"bridge-analytics-snapshot\",\"version\":2}");

        final CommandRun run = CommandRun.of("query", "stats", "--snapshot", good, "--snapshot", bad.toString(),
            "--metric", "read_latency_us", "--range", "all");

        assertEquals(ExitCodes.USAGE, run.exit());
        assertEquals(String.join(System.lineSeparator(),
            "analytics query: " + bad + ":1:49: version: unsupported version 2 (this build reads version 1)",
            "analytics query: 1 of 2 snapshot files rejected", ""), run.err());
        assertEquals("", run.out());
    }

    @Test
    void shouldRefuseASnapshotWithoutARange()
    {
        final CommandRun run = CommandRun.of("snapshot", "--store", storeA, "--out", dir.resolve("x.snap").toString());

        assertEquals(ExitCodes.USAGE, run.exit());
        assertEquals("analytics snapshot: give the range to snapshot: --range NAME, or --from and --to" +
            System.lineSeparator(), run.err());
    }

    @Test
    void shouldRefuseASnapshotOfAMissingStore()
    {
        final Path missing = dir.resolve("no-such-store");

        final CommandRun run = CommandRun.of("snapshot", "--store", missing.toString(), "--range", "all",
            "--out", dir.resolve("x.snap").toString());

        assertEquals(ExitCodes.USAGE, run.exit());
        assertEquals("analytics snapshot: no store in " + missing + ": the directory does not exist" +
            System.lineSeparator(), run.err());
    }

    private static String snapshot(final String store, final String name)
    {
        final Path out = dir.resolve(name);
        final CommandRun run = CommandRun.of("snapshot", "--store", store, "--range", "all", "--out", out.toString());
        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        return out.toString();
    }
}

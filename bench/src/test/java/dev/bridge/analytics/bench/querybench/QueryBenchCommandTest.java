package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.bench.BenchmarksCli;
import dev.bridge.analytics.cli.query.CommandRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bridge.analytics.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analytics query-bench} in-process: argument errors, and one small run end to end. */
class QueryBenchCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "--hours, 0, --hours must be in [1, 720], was 0",
        "--hours, 721, --hours must be in [1, 720], was 721",
        "--events-per-second, 0, --events-per-second must be >= 1, was 0",
        "--iterations, 0, --iterations must be >= 1, was 0",
        "--warmup, -1, --warmup must be >= 0, was -1",
        "--hours, two, Invalid value for option '--hours': 'two' is not an int" })
    void shouldRefuseABadValueWithTheUsageCode(final String option, final String value, final String message)
    {
        final CommandRun run = CommandRun.of(BenchmarksCli.newCommandLine(), "query-bench", option, value);

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertTrue(run.err().contains(message), run.toString());
        assertTrue(run.err().contains("Usage: analytics query-bench"), run.toString());
    }

    @Test
    void shouldRefuseAnUnknownOption()
    {
        final CommandRun run = CommandRun.of(BenchmarksCli.newCommandLine(), "query-bench", "--days", "1");

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertTrue(run.err().contains("Unknown option") && run.err().contains("'--days'"), run.toString());
    }

    @Test
    void shouldRefuseAStoreThatIsNotEmpty() throws Exception
    {
        final Path store = Files.createDirectories(dir.resolve("store"));
        Files.writeString(store.resolve("aggregates.dat"), "x");

        final CommandRun run = CommandRun.of(BenchmarksCli.newCommandLine(), "query-bench", "--store", store.toString(), "--hours", "1");

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertTrue(run.err().contains("--store " + store + " is not an empty directory"), run.toString());
        assertEquals("x", Files.readString(store.resolve("aggregates.dat")), "left alone");
    }

    @Test
    void shouldRefuseAnInvalidConfiguration() throws Exception
    {
        final Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "engine:\n  ring_size: 1000\nmetrics:\n  x:\n    type: counter\n    unit: ops\n    help: x\n");

        final CommandRun run = CommandRun.of(BenchmarksCli.newCommandLine(), "query-bench", "--config", config.toString());

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertTrue(run.err().contains(config + ":2:"), run.toString());
    }

    @Test
    void shouldBuildAnHourIntoTheGivenStoreAndTimeEveryQuery() throws Exception
    {
        final Path store = dir.resolve("store");
        final Path json = dir.resolve("out/query-bench.json");

        final CommandRun run = CommandRun.of(BenchmarksCli.newCommandLine(), "query-bench", "--store", store.toString(), "--hours", "1", "--events-per-second", "10",
            "--iterations", "3", "--warmup", "1", "--json", json.toString());

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertTrue(run.out().contains("dashboard(LAST_MINUTE)"), run.out());
        assertTrue(run.out().contains("equal to what was published, every series"), run.out());
        final JsonNode doc = JSON.readTree(json.toFile());
        assertEquals(36_000, doc.get("events").asLong());
        assertEquals(1.0, doc.get("hours").asDouble());
        assertEquals(0, doc.get("events_rejected").asLong());
        assertEquals(0, doc.get("mismatches").size());
        assertEquals(8, doc.get("queries").size());
        assertEquals(7, doc.get("percentiles_last_hour").get("values").size());
        for (final JsonNode q : doc.get("queries"))
        {
            assertEquals(3, q.get("iterations").asInt());
            assertTrue(q.get("median_us").asDouble() > 0, q.toString());
        }
        assertEquals(1000, doc.get("queries").get(0).get("target_us").asLong());
        assertTrue(Files.exists(store.resolve("aggregates.dat")), "--store is kept");
        assertTrue(doc.get("store_kept").asBoolean());
    }
}

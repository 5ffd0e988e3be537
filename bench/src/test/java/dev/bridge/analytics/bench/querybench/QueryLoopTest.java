package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.bench.BenchmarksCli;
import dev.bridge.analytics.cli.query.CommandRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bridge.analytics.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analytics bench --query-loop}: the loop runs during the window and the report carries its figures. */
class QueryLoopTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRunPacedDashboardsBesideTheProducersAndReportThem() throws Exception
    {
        final Path json = dir.resolve("loop.json");

        final CommandRun run = CommandRun.of(BenchmarksCli.newCommandLine(), "bench", "--duration", "500ms",
            "--warmup-events", "10000", "--no-baseline", "--quiet", "--query-loop=10ms", "--json", json.toString());

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertTrue(run.out().contains("Query loop    dashboard(LAST_MINUTE) every 10 ms beside the producers"), run.out());
        final JsonNode doc = JSON.readTree(json.toFile());
        final JsonNode loop = doc.get("query_loop");
        assertEquals(10, loop.get("interval_ms").asLong());
        assertTrue(loop.get("queries").asLong() > 0, loop.toString());
        assertTrue(loop.get("median_us").asDouble() > 0, loop.toString());
        assertTrue(loop.get("failure").isNull(), loop.toString());
        assertTrue(doc.get("verdict").asText().startsWith("NO LOSS"), "the load run's fields stay: " + doc);
    }

    @Test
    void shouldRefuseAnIntervalThatIsNotADuration()
    {
        final CommandRun run = CommandRun.of(BenchmarksCli.newCommandLine(), "bench", "--query-loop=soon", "--events", "10");

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertTrue(run.err().contains("bad duration 'soon': expected a Prometheus duration"), run.toString());
    }

    @Test
    void shouldReportNothingForALoopNeverStarted() throws Exception
    {
        assertEquals(null, new QueryLoop(Duration.ZERO).stop());
    }
}

package dev.bridge.analytics.cli.query;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bridge.analytics.cli.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analytics query export} in-process against a store written by an engine (closed first); see {@link QueryStore}. */
class ExportQueryCommandTest
{
    private static final ObjectMapper STRICT = JsonMapper.builder()
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();

    @TempDir
    static Path dir;
    private static String store;

    @BeforeAll
    static void writeStore()
    {
        final Path storeDir = dir.resolve("store");
        QueryStore.writeClosed(storeDir);
        store = storeDir.toString();
    }

    @Test
    void shouldPrintThePrometheusTextOfEverythingByDefault()
    {
        final CommandRun run = CommandRun.of("query", "export", "--store", store, "--format", "prometheus");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertTrue(run.out().contains("\n# TYPE dspex_variable_read_total counter\ndspex_variable_read_total 150.0\n"),
            run.out());
        assertTrue(run.out().contains("\ndspex_operation_error_total{operation=\"write\"} 3.0\n"), run.out());
        assertTrue(run.out().contains("\ndspex_read_latency_seconds_count 200\ndspex_read_latency_seconds_sum 0.0201\n"),
            run.out());
        assertEquals("", run.err());
    }

    @Test
    void shouldEndOpenMetricsWithEof()
    {
        final CommandRun run = CommandRun.of("query", "export", "--store", store, "--format", "OpenMetrics",
            "--range", "last_hour");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertTrue(run.out().contains("\ndspex_active_sessions 8.0\n"), run.out());
        assertTrue(run.out().endsWith("\n# EOF\n"), run.out());
    }

    @Test
    void shouldPrintStrictJson() throws Exception
    {
        final CommandRun run = CommandRun.of("query", "export", "--store", store, "--format", "json");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        final JsonNode json = STRICT.readTree(run.out());
        assertEquals("all", json.get("range").get("name").textValue());
        assertEquals(150, findSeries(json, "variable_read").get("stats").get("sum").longValue());
        assertEquals(150, json.get("dashboard").get("operations").get("total_operations").longValue());
    }

    @Test
    void shouldPrintStatsdLines()
    {
        final CommandRun run = CommandRun.of("query", "export", "--store", store, "--format", "dogstatsd");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        final List<String> lines = List.of(run.out().split("\n"));
        assertTrue(lines.contains("dspex_variable_read:150|c"), run.out());
        assertTrue(lines.contains("dspex_operation_error:2|c|#operation:read"), run.out());
        assertTrue(lines.contains("dspex_read_latency_us.count:200|c"), run.out());
    }

    @Test
    void shouldWriteTheExactBytesToTheOutputFile() throws Exception
    {
        final Path file = dir.resolve("export.csv");

        final CommandRun run = CommandRun.of("query", "export", "--store", store, "--format", "csv", "--output",
            file.toString());

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertEquals("", run.out());
        final String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("metric,type,labels,resolution_ms,bucket_start,bucket_start_ms,count,sum,min,max,mean," +
            "last\r\nvariable_read,counter,,3600000,"), csv);
    }

    @Test
    void shouldExportARangeWithoutDataAsNoSeries()
    {
        final CommandRun prometheus = CommandRun.of("query", "export", "--store", store, "--format", "prometheus",
            "--range", "last_minute");
        final CommandRun openMetrics = CommandRun.of("query", "export", "--store", store, "--format", "openmetrics",
            "--from", "2020-01-01T00:00:00Z", "--to", "2020-01-01T01:00:00Z");

        assertEquals(ExitCodes.OK, prometheus.exit(), prometheus.toString());
        assertEquals("", prometheus.out());
        assertEquals(ExitCodes.OK, openMetrics.exit(), openMetrics.toString());
        assertEquals("# EOF\n", openMetrics.out());
    }

    @Test
    void shouldRefuseAnUnknownRange()
    {
        final CommandRun run = CommandRun.of("query", "export", "--store", store, "--format", "json", "--range", "forever");

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals("analytics query: unknown range 'forever': use all, last_minute, last_5_minutes, last_hour, " +
            "last_day or last_<duration> (last_15m, last_6h), or --from and --to", run.err().strip());
    }

    @Test
    void shouldRefuseAnUnknownFormat()
    {
        final CommandRun run = CommandRun.of("query", "export", "--store", store, "--format", "xml");

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals("", run.out());
        assertEquals("analytics query: unknown --format 'xml': use prometheus, openmetrics, json, csv, statsd, dogstatsd",
            run.err().strip());
    }

    @Test
    void shouldRefuseJsonForAnExport()
    {
        final CommandRun run = CommandRun.of("query", "export", "--store", store, "--format", "csv", "--json");

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals("analytics query: --json does not apply to export: use --format json", run.err().strip());
    }

    @Test
    void shouldRefuseAStoreThatDoesNotExist()
    {
        final CommandRun run = CommandRun.of("query", "export", "--store", dir.resolve("nothing").toString(),
            "--format", "prometheus");

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertTrue(run.err().startsWith("analytics query: no store in "), run.toString());
    }

    private static JsonNode findSeries(final JsonNode json, final String metric)
    {
        for (final JsonNode s : json.get("series"))
        {
            if (s.get("metric").textValue().equals(metric))
            {
                return s;
            }
        }
        throw new AssertionError("no series " + metric);
    }
}

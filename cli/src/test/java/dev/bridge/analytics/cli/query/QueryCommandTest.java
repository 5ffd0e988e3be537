package dev.bridge.analytics.cli.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bridge.analytics.cli.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analytics query ...} in-process against a store written by an engine (closed first); see {@link QueryStore}. */
class QueryCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static long b;
    private static String store;

    @BeforeAll
    static void writeStore()
    {
        b = QueryStore.writeClosed(dir);
        store = dir.toString();
    }

    @Test
    void shouldPrintTheStatsOfEveryValueAsJson()
    {
        final CommandRun run = CommandRun.of("query", "stats", "--store", store, "--metric", "read_latency_us",
            "--range", "all", "--json");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        // 1..200: sum 20100, population variance 2686700 / 200 - 100.5^2 = 3333.25
        assertEquals("{\"count\":200,\"sum\":20100,\"mean\":100.5,\"min\":1,\"max\":200,\"stddev\":" +
            Math.sqrt(3333.25) + ",\"last\":200}", run.line());
        assertEquals("", run.err());
    }

    @Test
    void shouldMergeOnlyTheSeriesMatchingTheLabels()
    {
        final CommandRun read = CommandRun.of("query", "stats", "--store", store, "--metric", "operation_error",
            "--labels", "operation=read", "--range", "last_hour", "--json");
        final CommandRun all = CommandRun.of("query", "stats", "--store", store, "--metric", "operation_error",
            "--range", "last_hour", "--json");

        assertEquals("{\"count\":1,\"sum\":2,\"mean\":2.0,\"min\":2,\"max\":2,\"stddev\":0.0,\"last\":2}", read.line(),
            read.toString());
        assertEquals("{\"count\":2,\"sum\":5,\"mean\":2.5,\"min\":2,\"max\":3,\"stddev\":0.5,\"last\":5}", all.line(),
            all.toString());
    }

    @Test
    void shouldPrintNullsForARangeWithoutData()
    {
        final CommandRun run = CommandRun.of("query", "stats", "--store", store, "--metric", "read_latency_us",
            "--from", Long.toString(b - 60_000), "--to", Long.toString(b), "--json");

        assertEquals("{\"count\":0,\"sum\":0,\"mean\":null,\"min\":null,\"max\":null,\"stddev\":null,\"last\":null}",
            run.line(), run.toString());
    }

    @Test
    void shouldPrintPercentilesWithTheirModeAndErrorBound()
    {
        final CommandRun run = CommandRun.of("query", "percentile", "--store", store, "--metric", "read_latency_us",
            "--range", "last_hour", "--p", "0.5,0.95,0.99", "--json");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertEquals("{\"count\":200,\"mode\":\"histogram\",\"relative_error\":0.001," +
            "\"values\":{\"0.5\":100,\"0.95\":190,\"0.99\":198}}", run.line());
    }

    @Test
    void shouldPrintPercentilesAsATable()
    {
        final CommandRun run = CommandRun.of("query", "percentile", "--store", store, "--metric", "read_latency_us",
            "--range", "all", "--p", "0.5,0.999");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertEquals(String.join(System.lineSeparator(),
            "read_latency_us over all: 200 values, histogram, relative error <= 0.1%",
            String.format("  %-22s %s", "p50", "100"),
            String.format("  %-22s %s", "p99.9", "200"),
            ""), run.out());
    }

    @Test
    void shouldPrintATimeSeriesOfP99PerTenSeconds()
    {
        final CommandRun run = CommandRun.of("query", "series", "--store", store, "--metric", "read_latency_us",
            "--from", Instant.ofEpochMilli(b).toString(), "--to", Long.toString(b + 30_000), "--interval", "10s",
            "--agg", "p99", "--json");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertEquals("[{\"timestamp\":" + b + ",\"value\":99.0,\"count\":100}," +
            "{\"timestamp\":" + (b + 10_000) + ",\"value\":199.0,\"count\":100}," +
            "{\"timestamp\":" + (b + 20_000) + ",\"value\":null,\"count\":0}]", run.line());
    }

    @Test
    void shouldPrintATimeSeriesAsATable()
    {
        final CommandRun run = CommandRun.of("query", "series", "--store", store, "--metric", "variable_read",
            "--from", Long.toString(b), "--to", Long.toString(b + 20_000), "--interval", "10s", "--agg", "rate");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        final String row = "  %-26s %14s %10s";
        assertEquals(String.join(System.lineSeparator(),
            "variable_read rate per 10s from " + Instant.ofEpochMilli(b) + " to " + Instant.ofEpochMilli(b + 20_000),
            String.format(row, "timestamp", "value", "count"),
            String.format(row, Instant.ofEpochMilli(b), "10", "1"),
            String.format(row, Instant.ofEpochMilli(b + 10_000), "5", "1"),
            ""), run.out());
    }

    @Test
    void shouldPrintTheDashboardOfAnExplicitMinuteAsJson() throws Exception
    {
        final long before = System.currentTimeMillis();
        final CommandRun run = CommandRun.of("query", "dashboard", "--store", store,
            "--from", Instant.ofEpochMilli(b).toString(), "--to", Instant.ofEpochMilli(b + 60_000).toString(), "--json");
        final long after = System.currentTimeMillis();

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        final JsonNode json = JSON.readTree(run.line());
        final long timestamp = json.get("timestamp").longValue();
        assertTrue(timestamp >= before && timestamp <= after, run.line());
        assertEquals("{\"timestamp\":" + timestamp + "," +
            "\"range\":{\"name\":\"" + Instant.ofEpochMilli(b) + "/" + Instant.ofEpochMilli(b + 60_000) + "\"," +
            "\"from_ms\":" + b + ",\"to_ms\":" + (b + 60_000) + ",\"resolution_ms\":60000}," +
            "\"operations\":{\"reads_per_second\":2.5,\"writes_per_second\":null,\"total_operations\":150}," +
            "\"performance\":{\"read_latency_p50\":100,\"read_latency_p95\":190,\"read_latency_p99\":198," +
            "\"write_latency_p50\":null,\"write_latency_p95\":null,\"write_latency_p99\":null}," +
            "\"cache\":{\"hit_rate\":0.9,\"total_hits\":90,\"total_misses\":10,\"evictions\":null}," +
            "\"optimizations\":{\"active\":null,\"completed\":null,\"failed\":null,\"success_rate\":null," +
            "\"avg_duration_ms\":null}," +
            "\"health\":{\"error_rate\":" + 5 / 150.0 + ",\"active_sessions\":8,\"memory_usage_mb\":null," +
            "\"process_count\":null}}", run.line());
    }

    @Test
    void shouldPrintTheDashboardAsATable()
    {
        final CommandRun run = CommandRun.of("query", "dashboard", "--store", store, "--range", "last_hour");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertTrue(run.out().startsWith("dashboard last_hour at "), run.out());
        assertTrue(run.out().contains(": 1 min buckets, from "), run.out());
        for (final String line : new String[]{ "operations", "performance (microseconds)", "cache", "optimizations",
            "health", String.format("  %-22s %s", "total_operations", "150"),
            String.format("  %-22s %s", "read_latency_p99", "198"), String.format("  %-22s %s", "hit_rate", "0.9"),
            String.format("  %-22s %s", "error_rate", "0.03333"), String.format("  %-22s %s", "active", "-") })
        {
            assertTrue(run.out().lines().anyMatch(line::equals), "line '" + line + "' in\n" + run.out());
        }
    }

    @Test
    void shouldPrintStatsAsATable()
    {
        final CommandRun run = CommandRun.of("query", "stats", "--store", store, "--metric", "active_sessions",
            "--range", "all");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertEquals(String.join(System.lineSeparator(),
            "active_sessions over all",
            String.format("  %-22s %s", "count", "2"),
            String.format("  %-22s %s", "sum", "13"),
            String.format("  %-22s %s", "mean", "6.5"),
            String.format("  %-22s %s", "min", "5"),
            String.format("  %-22s %s", "max", "8"),
            String.format("  %-22s %s", "stddev", "1.5"),
            String.format("  %-22s %s", "last", "8"),
            ""), run.out());
    }
}

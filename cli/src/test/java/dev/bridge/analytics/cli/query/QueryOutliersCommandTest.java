package dev.bridge.analytics.cli.query;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.HistogramHandle;
import dev.bridge.analytics.cli.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code analytics query percentile|series} over a p99 made of values above read_latency_us' {@code highest}
 * (60 000 000 us): shown as {@code >= 60000000}, and flagged {@code above_highest} in JSON.
 */
class QueryOutliersCommandTest
{
    @TempDir
    static Path dir;
    private static long b;
    private static String store;

    @BeforeAll
    static void writeStore()
    {
        b = QueryStore.startMs();
        final AtomicLong clock = new AtomicLong(b);
        try (AnalyticsEngine engine = AnalyticsEngine.start(QueryStore.config(dir), clock::get))
        {
            final HistogramHandle latency = engine.histogram("read_latency_us");
            for (int i = 0; i < 98; i++)
            {
                latency.record(100);
            }
            latency.record(90_000_000L);
            latency.record(90_000_000L);
            engine.flush();
        }
        store = dir.toString();
    }

    @Test
    void shouldPrintAPercentileAboveHighestAsAtLeastHighest()
    {
        final CommandRun run = CommandRun.of("query", "percentile", "--store", store, "--metric", "read_latency_us",
            "--range", "all", "--p", "0.5,0.99");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertEquals(String.join(System.lineSeparator(),
            "read_latency_us over all: 100 values, histogram, relative error <= 0.1%",
            String.format("  %-22s %s", "p50", "100"),
            String.format("  %-22s %s", "p99", ">= 60000000"),
            ""), run.out());
    }

    @Test
    void shouldListThePercentilesAboveHighestInJson()
    {
        final CommandRun run = CommandRun.of("query", "percentile", "--store", store, "--metric", "read_latency_us",
            "--range", "all", "--p", "0.5,0.99,1", "--json");

        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertEquals("{\"count\":100,\"mode\":\"histogram\",\"relative_error\":0.001," +
            "\"values\":{\"0.5\":100,\"0.99\":60000000,\"1\":60000000},\"above_highest\":[\"0.99\",\"1\"]}", run.line());
    }

    @Test
    void shouldFlagTheSeriesPointsAboveHighest()
    {
        final CommandRun json = CommandRun.of("query", "series", "--store", store, "--metric", "read_latency_us",
            "--from", Long.toString(b), "--to", Long.toString(b + 2_000), "--interval", "1s", "--agg", "p99", "--json");
        final CommandRun table = CommandRun.of("query", "series", "--store", store, "--metric", "read_latency_us",
            "--from", Long.toString(b), "--to", Long.toString(b + 1_000), "--interval", "1s", "--agg", "p99");

        assertEquals(ExitCodes.OK, json.exit(), json.toString());
        assertEquals("[{\"timestamp\":" + b + ",\"value\":6.0E7,\"count\":100,\"above_highest\":true}," +
            "{\"timestamp\":" + (b + 1_000) + ",\"value\":null,\"count\":0}]", json.line());
        final String row = "  %-26s %14s %10s";
        assertEquals(String.join(System.lineSeparator(),
            "read_latency_us p99 per 1s from " + Instant.ofEpochMilli(b) + " to " + Instant.ofEpochMilli(b + 1_000),
            String.format(row, "timestamp", "value", "count"),
            String.format(row, Instant.ofEpochMilli(b), ">= 60000000", "100"),
            ""), table.out());
    }
}

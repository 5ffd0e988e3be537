package dev.bridge.analytics.bench.jmh;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MatrixTableTest
{
    /**
     * A cut-down JMH 1.37 JSON file of a matrix run, out of order: a labelled row (not a matrix row), peers missing
     * in some rows, one row allocating, one row without {@code -prof gc}.
     */
    private static JmhRun sample() throws IOException
    {
        try (InputStream in = MatrixTableTest.class.getResourceAsStream("matrix-sample.json"))
        {
            return JmhRun.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldPrintOneRowPerOperationThreadsAndSeriesWithEachPeerTheRatiosAndTheVerdict() throws IOException
    {
        final String expected = """
            | operation | threads | series | wait strategy | ours ns/op | Prometheus ns/op | ours/Prometheus | OpenTelemetry ns/op | ours/OpenTelemetry | Micrometer ns/op | ours/Micrometer | ours B/op | goals | verdict |
            |---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|
            | histogram record | 1 | one | sleeping | 20.0 | 50.0 | 0.40 | — | — | 100.0 | 0.20 | — | <= 0.6x Prometheus; <= 0.5x Micrometer | met |
            | histogram record | 2 | one per thread | sleeping | 20.0 | 10.0 | 2.00 | — | — | — | — | 24.00 | 0 B/op | **missed**: 0 B/op |
            | counter increment | 1 | one | sleeping | 9.0 | 10.0 | 0.90 | 12.0 | 0.75 | 6.0 | 1.50 | 0.00 | <= 1.0x Prometheus; 0 B/op | met |
            | counter increment | 2 | one | sleeping | 30.0 | 10.0 | 3.00 | — | — | 15.0 | 2.00 | 0.00 | <= 1.5x Prometheus; 0 B/op | **missed**: <= 1.5x Prometheus |
            | gauge set | 4 | one | sleeping | 40.0 | 8.0 | 5.00 | 50.0 | 0.80 | 4.0 | 10.00 | 0.00 | 0 B/op | met |
            """;

        assertEquals(expected, MatrixTable.table(sample()));
    }

    @Test
    void shouldJudgeTheIssue14TargetsPerThreadCountAndNotTheTwoSeriesRows() throws IOException
    {
        final String expected = """
            | goal | threads | wait strategy | ours ns/op | peer ns/op | ours/peer | verdict |
            |---|---:|---|---:|---:|---:|---|
            | counter increment, 1 thread <= 1.0x Prometheus | 1 | sleeping | 9.0 | 10.0 | 0.90 | met |
            | counter increment, 2 threads on one series <= 1.5x Prometheus | 2 | sleeping | 30.0 | 10.0 | 3.00 | **missed** |
            | histogram record, 1 thread <= 0.6x Prometheus | 1 | sleeping | 20.0 | 50.0 | 0.40 | met |
            | histogram record <= 0.5x Micrometer | 1 | sleeping | 20.0 | 100.0 | 0.20 | met |
            | 0 B/op on every pre-resolved record path (5 benchmarks; largest: histogram record two series, 2 thread(s), engine) | all | all | 24.000 B/op | — | — | **missed** |
            """;

        assertEquals(expected, Goals.table(sample()));
    }

    @Test
    void shouldPrintNothingWithoutOurUnlabelledHandle()
    {
        final JmhRun run = JmhRun.parse("""
            [ { "benchmark" : "dev.bridge.analytics.bench.jmh.GaugeSetBenchmark.prometheus", "threads" : 1,
                "primaryMetric" : { "score" : 8.0, "scoreError" : 0.1, "scoreUnit" : "ns/op" } } ]
            """);

        assertEquals("", MatrixTable.table(run));
    }
}

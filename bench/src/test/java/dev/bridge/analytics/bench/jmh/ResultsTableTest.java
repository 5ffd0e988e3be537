package dev.bridge.analytics.bench.jmh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsTableTest
{
    /** A cut-down JMH 1.37 JSON file: the fields ResultsTable reads, entries deliberately out of order. */
    private static final String SAMPLE = """
        [
          {
            "jmhVersion" : "1.37",
            "benchmark" : "dev.bridge.analytics.bench.jmh.HistogramRecordBenchmark.prometheus",
            "mode" : "avgt", "threads" : 1, "forks" : 2,
            "jvmArgs" : [ "--add-opens=java.base/java.lang=ALL-UNNAMED" ],
            "jdkVersion" : "17.0.15", "vmName" : "OpenJDK 64-Bit Server VM", "vmVersion" : "17.0.15+6",
            "warmupIterations" : 2, "warmupTime" : "1 s", "measurementIterations" : 3, "measurementTime" : "1 s",
            "primaryMetric" : { "score" : 12.5, "scoreError" : 0.25, "scoreUnit" : "ns/op" },
            "secondaryMetrics" : { "gc.alloc.rate.norm" : { "score" : 0.0001, "scoreError" : 0.0, "scoreUnit" : "B/op" } }
          },
          {
            "jmhVersion" : "1.37",
            "benchmark" : "dev.bridge.analytics.bench.jmh.HistogramRecordBenchmark.engine",
            "mode" : "avgt", "threads" : 1, "forks" : 2,
            "params" : { "waitStrategy" : "sleeping" },
            "primaryMetric" : { "score" : 20.0, "scoreError" : 1.04, "scoreUnit" : "ns/op" },
            "secondaryMetrics" : { "gc.alloc.rate.norm" : { "score" : 0.002, "scoreError" : 0.001, "scoreUnit" : "B/op" } }
          },
          {
            "jmhVersion" : "1.37",
            "benchmark" : "dev.bridge.analytics.bench.jmh.HistogramRecordBenchmark.disruptor",
            "mode" : "avgt", "threads" : 1, "forks" : 2,
            "params" : { "waitStrategy" : "yielding" },
            "primaryMetric" : { "score" : 8.0, "scoreError" : "NaN", "scoreUnit" : "ns/op" },
            "secondaryMetrics" : { }
          },
          {
            "jmhVersion" : "1.37",
            "benchmark" : "dev.bridge.analytics.bench.jmh.HistogramRecordTwoThreadsBenchmark.micrometer",
            "mode" : "avgt", "threads" : 2, "forks" : 2,
            "primaryMetric" : { "score" : 160.0, "scoreError" : 12.0, "scoreUnit" : "ns/op" },
            "secondaryMetrics" : { "gc.alloc.rate.norm" : { "score" : 24.0, "scoreError" : 0.0, "scoreUnit" : "B/op" } }
          },
          {
            "jmhVersion" : "1.37",
            "benchmark" : "dev.bridge.analytics.bench.jmh.HistogramRecordTwoThreadsBenchmark.engine",
            "mode" : "avgt", "threads" : 2, "forks" : 2,
            "params" : { "waitStrategy" : "sleeping" },
            "primaryMetric" : { "score" : 48.0, "scoreError" : 4.0, "scoreUnit" : "ns/op" },
            "secondaryMetrics" : { "gc.alloc.rate.norm" : { "score" : 0.01, "scoreError" : 0.0, "scoreUnit" : "B/op" } }
          },
          {
            "jmhVersion" : "1.37",
            "benchmark" : "dev.bridge.analytics.bench.jmh.CounterIncrementBenchmark.prometheus",
            "mode" : "avgt", "threads" : 1, "forks" : 2,
            "primaryMetric" : { "score" : 2.5, "scoreError" : 0.05, "scoreUnit" : "ns/op" },
            "secondaryMetrics" : { "gc.alloc.rate.norm" : { "score" : 0.0, "scoreError" : 0.0, "scoreUnit" : "B/op" } }
          }
        ]
        """;

    @Test
    void shouldRenderOneSortedRowPerBenchmarkWithRatiosToOurs()
    {
        final String expected = """
            | operation | threads | implementation | params | ns/op | ± | B/op | ours/peer (sleeping) |
            |---|---:|---|---|---:|---:|---:|---:|
            | histogram record | 1 | **ours** | waitStrategy=sleeping | 20.0 | 1.0 | 0.00 |  |
            | histogram record | 1 | Prometheus classic Histogram.observe |  | 12.5 | 0.3 | 0.00 | 1.60 |
            | histogram record | 1 | Disruptor publish, multi-producer, no-op handler | waitStrategy=yielding | 8.0 | — | — |  |
            | histogram record | 2 | **ours** | waitStrategy=sleeping | 48.0 | 4.0 | 0.01 |  |
            | histogram record | 2 | Micrometer Timer.record, percentile histogram |  | 160.0 | 12.0 | 24.00 | 0.30 |
            | counter increment | 1 | Prometheus Counter.inc |  | 2.5 | 0.1 | 0.00 |  |
            """;

        assertEquals(expected, ResultsTable.table(JmhRun.parse(SAMPLE)));
    }

    @Test
    void shouldReadRunOptionsFromTheFirstEntry()
    {
        final JmhRun run = JmhRun.parse(SAMPLE);

        assertEquals("1.37", run.jmhVersion());
        assertEquals("OpenJDK 64-Bit Server VM 17.0.15+6", run.vm());
        assertEquals(2, run.forks());
        assertEquals("2 x 1 s", run.warmup());
        assertEquals("3 x 1 s", run.measurement());
        assertEquals("--add-opens=java.base/java.lang=ALL-UNNAMED", run.jvmArgs());
    }

    @Test
    void shouldJudgeGoalsFromTheMeasuredRatios()
    {
        final String goals = Goals.table(JmhRun.parse(SAMPLE));

        assertTrue(goals.contains("| histogram record, 1 thread <= 0.6x Prometheus | 1 | sleeping | 20.0 | 12.5 | 1.60 | **missed** |"),
            goals);
        assertTrue(goals.contains("| histogram record <= 0.5x Micrometer | 2 | sleeping | 48.0 | 160.0 | 0.30 | met |"),
            goals);
        assertTrue(goals.contains("| 0 B/op on every pre-resolved record path (2 benchmarks; largest: histogram record, " +
            "2 thread(s), engine) | all | all | 0.010 B/op | — | — | met |"), goals);
    }
}

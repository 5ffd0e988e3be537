package dev.bridge.analytics.bench.memory;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.bench.BenchmarksCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory bench builds what it measures as described: the engine holds exactly the traffic of every series, the
 * peers hold the same series, and the command prints one row per holder and series count. (The figures themselves
 * are measurements: bench/RESULTS.md.)
 */
class MemoryBenchCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldFeedTheEngineEveryValueOfEverySeriesForEveryMinute() throws Exception
    {
        try (AnalyticsEngine engine = SeriesHolders.engine(SeriesHolders.Kind.HISTOGRAM, 7, 3, dir, 42))
        {
            assertEquals(7, engine.queries().series().stream()
                .filter(s -> s.metric().name().equals("request_latency_us")).count());
            assertEquals(7L * 3 * SeriesHolders.VALUES_PER_MINUTE,
                engine.queries().stats("request_latency_us", TimeRange.ALL).count());
        }
    }

    @Test
    void shouldHoldTheSameSeriesInThePeers() throws Exception
    {
        final var clientJava = SeriesHolders.clientJava(SeriesHolders.Kind.COUNTER, 7, 3, 42);
        final var snapshot = clientJava.scrape().get(0);
        assertEquals(7, snapshot.getDataPoints().size());
        final var micrometer = SeriesHolders.micrometer(SeriesHolders.Kind.COUNTER, 7, 3, 42);
        assertEquals(7, micrometer.getMeters().size());
        assertEquals(7.0 * 3 * SeriesHolders.VALUES_PER_MINUTE,
            micrometer.find("requests").counters().stream().mapToDouble(c -> c.count()).sum());
        micrometer.close();
    }

    @Test
    void shouldPrintOneRowPerHolderAndSeriesCount()
    {
        final StringWriter out = new StringWriter();
        final CommandLine cl = BenchmarksCli.newCommandLine();
        cl.setOut(new PrintWriter(out));

        assertEquals(0, cl.execute("memory-bench", "--series", "3,5", "--minutes", "2", "--type", "gauge"));

        final List<String> rows = out.toString().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| holder"))
            .toList();
        assertEquals(List.of("engine 3", "client_java 3", "micrometer 3", "engine 5", "client_java 5", "micrometer 5"),
            rows.stream().map(r -> r.split("\\|")[1].trim() + " " + r.split("\\|")[2].trim()).toList());
        assertTrue(out.toString().startsWith("Memory of labelled gauge series after 2 simulated minutes"), out.toString());
    }

    @Test
    void shouldSendEveryFloodedLabelValueToTheOverflowSeriesAndCountIt()
    {
        final StringWriter out = new StringWriter();
        final CommandLine cl = BenchmarksCli.newCommandLine();
        cl.setOut(new PrintWriter(out));

        assertEquals(0, cl.execute("memory-bench", "--series", "4", "--minutes", "1", "--no-peers", "--type", "counter",
            "--flood", "300"));

        assertTrue(out.toString().contains("Flood: 300 new label values past the limit of 4 counter series"), out.toString());
        assertTrue(out.toString().contains("- series of the metric: 5 (the limit plus the overflow series); values in " +
            "the overflow series: 300; resolutions counted in engine_series_overflowed: 300"), out.toString());
    }

    @Test
    void shouldRefuseASeriesCountBelowOne()
    {
        final StringWriter err = new StringWriter();
        final CommandLine cl = BenchmarksCli.newCommandLine();
        cl.setErr(new PrintWriter(err));

        assertEquals(2, cl.execute("memory-bench", "--series", "0"));
        assertTrue(err.toString().contains("--minutes and every --series count must be at least 1"), err.toString());
    }
}

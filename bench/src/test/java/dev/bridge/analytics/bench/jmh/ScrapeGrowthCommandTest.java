package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.bench.BenchmarksCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scrape-growth command measures both catalogs for the engine and Micrometer and prints one table; bad options
 * get one message. (The figures themselves are measurements: bench/RESULTS.md.)
 */
class ScrapeGrowthCommandTest
{
    @Test
    void shouldPrintTheEngineAndMicrometerAtBothSizes()
    {
        final StringWriter out = new StringWriter();
        final CommandLine cl = BenchmarksCli.newCommandLine();
        cl.setOut(new PrintWriter(out));

        assertEquals(0, cl.execute("scrape-growth", "--small", "10", "--large", "20", "--rounds", "3",
            "--warmup-rounds", "1", "--round-time", "PT0.01S", "--store-entries", "20000"));

        final String[] lines = out.toString().split("\n");
        assertEquals("3 rounds of 10 ms per scrape, interleaved; medians", lines[0]);
        assertEquals("| | 10 series us | 20 series us | growth (median of per-round ratios) |", lines[2]);
        assertTrue(lines[4].matches("\\| engine \\| [0-9,.]+ \\| [0-9,.]+ \\| [0-9.]+x \\|"), lines[4]);
        assertTrue(lines[5].matches("\\| Micrometer \\| [0-9,.]+ \\| [0-9,.]+ \\| [0-9.]+x \\|"), lines[5]);
        assertTrue(lines[6].matches("\\| engine / Micrometer \\| [0-9.]+x \\| [0-9.]+x \\| \\|"), lines[6]);
    }

    @Test
    void shouldRefuseALargeCatalogNoLargerThanTheSmallOne()
    {
        final StringWriter err = new StringWriter();
        final CommandLine cl = BenchmarksCli.newCommandLine();
        cl.setErr(new PrintWriter(err));

        assertEquals(2, cl.execute("scrape-growth", "--small", "500", "--large", "500"));
        assertTrue(err.toString().startsWith("need 0 < --small < --large, --rounds >= 1, --warmup-rounds >= 0 and a " +
            "positive --round-time; got 500, 500, 31, 10, PT0.5S"), err.toString());
    }

    @Test
    void shouldRefuseASeriesCountTheCatalogCannotHold()
    {
        final StringWriter err = new StringWriter();
        final CommandLine cl = BenchmarksCli.newCommandLine();
        cl.setErr(new PrintWriter(err));

        assertEquals(2, cl.execute("scrape-growth", "--small", "7", "--large", "20"));
        assertTrue(err.toString().startsWith("--small: series must be a positive multiple of 10, was 7"), err.toString());
    }
}

package dev.bridge.analytics.bench;

import dev.bridge.analytics.cli.ExitCodes;
import dev.bridge.analytics.cli.LastValuesReceiver;
import dev.bridge.analytics.AnalyticsReader;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code analytics bench --remote-write URL}: when the command returns, a receiver on 127.0.0.1 holds the run's
 * totals (the engine's close() pushed what was left); bad options are usage errors.
 */
class BenchRemoteWriteTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldHaveDeliveredTheWholeRunWhenTheCommandReturns() throws Exception
    {
        try (LastValuesReceiver receiver = new LastValuesReceiver())
        {
            final Path store = dir.resolve("store");
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final CommandLine cl = BenchmarksCli.newCommandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            final int exit = cl.execute("bench", "--events", "200000", "--no-baseline", "--quiet", "--store", store.toString(),
                "--remote-write", receiver.url(),
                "--remote-write-label", "instance=bench-test");
            assertEquals(ExitCodes.OK, exit, out.toString());
            assertTrue(err.toString().matches("(?s).*analytics bench: remote write: [0-9,]+ requests, [0-9,]+ samples and " +
                "[0-9,]+ native histograms acknowledged, 0 failed attempts, 0 samples dropped \\(4xx\\), 0 steps folded \\(older than raw_retention\\).*"),
                err.toString());
            try (AnalyticsReader reader = AnalyticsReader.open(EngineConfig.defaults(), store))
            {
                for (final String counter : new String[]{ "variable_read", "variable_write", "cache_hit" })
                {
                    final long total = reader.queries().stats(counter, TimeRange.ALL).sum();
                    assertTrue(total > 0, counter);
                    assertEquals((double)total, receiver.lastValues().get("dspex_" + counter + "_total{instance=bench-test}"),
                        counter + ": " + receiver.lastValues());
                }
                assertEquals((double)reader.queries().stats("read_latency_us", TimeRange.ALL).count(),
                    receiver.lastValues().get("dspex_read_latency_seconds_count{instance=bench-test}"));
            }
        }
    }

    @Test
    void shouldRefuseALabelWithoutAUrlAndABadUrl()
    {
        final StringWriter err = new StringWriter();
        final CommandLine cl = BenchmarksCli.newCommandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(ExitCodes.USAGE, cl.execute("bench", "--events", "10", "--remote-write-label", "instance=a"), err.toString());
        assertTrue(err.toString().contains("analytics bench: --remote-write-label needs --remote-write URL"), err.toString());
        assertEquals(ExitCodes.USAGE, cl.execute("bench", "--events", "10", "--remote-write", "ftp://host/x"));
        assertTrue(err.toString().contains(
            "analytics bench: url must be an absolute http or https URL, was 'ftp://host/x'"), err.toString());
    }
}

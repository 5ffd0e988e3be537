package dev.bridge.analytics.bench.statsdload;

import dev.bridge.analytics.bench.BenchmarksCli;
import dev.bridge.analytics.cli.ExitCodes;
import dev.bridge.analytics.cli.query.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analytics statsd-load} in-process, small and paced: every line read, accepted and verified in the engine. */
class StatsdLoadCommandTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldSendParseAndVerifyABoundedPacedLoad() throws Exception
    {
        final Path json = dir.resolve("load.json");
        final CommandRun run = CommandRun.of(BenchmarksCli.newCommandLine(), "statsd-load", "--lines", "40000", "--rate", "100000", "--duration", "20s",
            "--json", json.toString());
        assertEquals(ExitCodes.OK, run.exit(), run.toString());
        assertTrue(run.out().contains("NO APP LOSS: 40,000 of 40,000 lines parsed"), run.toString());
        assertTrue(run.out().contains("variable_read total 20000 (expected 20000), read_latency_us values 5000 " +
            "(expected 5000)"), run.toString());
        final String figures = Files.readString(json);
        assertTrue(figures.contains("\"lines_sent\":40000,\"lines_parsed\":40000,\"lines_accepted\":40000," +
            "\"kernel_dropped_lines\":0,\"app_lost_lines\":0"), figures);
        assertTrue(figures.contains("\"engine_verified\":true"), figures);
    }

    @Test
    void shouldRefuseBadOptions()
    {
        assertEquals(ExitCodes.USAGE, CommandRun.of(BenchmarksCli.newCommandLine(), "statsd-load", "--senders", "0").exit());
        assertEquals(ExitCodes.USAGE, CommandRun.of(BenchmarksCli.newCommandLine(), "statsd-load", "--rate", "-1").exit());
        final CommandRun big = CommandRun.of(BenchmarksCli.newCommandLine(), "statsd-load", "--lines-per-datagram", "1000");
        assertEquals(ExitCodes.USAGE, big.exit(), big.toString());
        assertTrue(big.err().contains("above statsd.max_datagram_bytes (8192)"), big.toString());
    }
}

package dev.bridge.analytics.bench;

import dev.bridge.analytics.cli.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code analytics bench} in a child JVM gets SIGTERM in the middle of a long load run: the producers stop, what they
 * sent is verified against the store (NO LOSS), the engine is closed, and the JVM exits with the SIGTERM status
 * without an internal error.
 */
class BenchInterruptTest
{
    private static final int SIGTERM_EXIT = 143;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldVerifyWhatWasSentAndCloseTheEngineWhenSigtermStopsTheRun() throws Exception
    {
        final Path out = dir.resolve("bench.out");
        final Path err = dir.resolve("bench.err");
        final Process bench = new ProcessBuilder(ChildJvm.command(BenchmarksCli.class, "bench", "--duration", "120s", "--store",
            dir.resolve("store").toString(), "--warmup-events", "1000"))
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            awaitText(err, "engine started", bench);
            bench.destroy(); // SIGTERM on Linux
            assertTrue(bench.waitFor(90, TimeUnit.SECONDS), "bench did not stop within 90 s of SIGTERM");
            final String stderr = Files.readString(err);
            final String stdout = Files.readString(out);
            assertEquals(SIGTERM_EXIT, bench.exitValue(), stderr);
            assertFalse(stderr.contains("internal error"), stderr);
            assertTrue(stderr.contains("stopped by a signal: the producers stopped; verifying what they sent"), stderr);
            assertTrue(stdout.contains("NO LOSS: "), stdout + stderr);
            assertFalse(Files.exists(dir.resolve("store").resolve("engine.lock")), "the engine was not closed");
        }
        finally
        {
            bench.destroyForcibly();
        }
    }

    /** Polls a file every millisecond until it holds {@code text}, failing if the process ends or after 60 s. */
    private static void awaitText(final Path file, final String text, final Process process) throws IOException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadlineNs < 0)
        {
            if (Files.readString(file).contains(text))
            {
                return;
            }
            if (!process.isAlive())
            {
                fail("the command ended before printing '" + text + "': " + Files.readString(file));
            }
            LockSupport.parkNanos(1_000_000L);
        }
        fail("no '" + text + "' within 60 s: " + Files.readString(file));
    }
}

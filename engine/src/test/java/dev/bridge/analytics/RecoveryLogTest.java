package dev.bridge.analytics;

import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreCapacity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery after a writer was killed holding a segment lock succeeds and keeps the data; it logs one WARN line of
 * ours per repaired map and no ERROR line (Chronicle's default corruption listener logged each repaired lock at
 * ERROR although the recovery succeeded).
 */
class RecoveryLogTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldRecoverALockedSegmentWithoutErrorLines() throws Exception
    {
        final long key = BucketKey.raw(0, 1_700_000_000L);
        try (MetricStore store = MetricStore.openForWriting(dir, StoreCapacity.forEntries(1_000, 1_000)))
        {
            store.series().put("variable_read", 0);
            store.newAggregateWriter().write(key, 1, 9, 9, 9, 81.0, 9);
        }
        killHoldingTheLockOf(key);
        Files.createFile(dir.resolve("engine.lock")); // what the killed engine leaves behind

        final PrintStream err = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (MetricStore store = MetricStore.openForWriting(dir, StoreCapacity.forEntries(1_000, 1_000)))
        {
            assertTrue(store.recovered());
            final BucketAggregate read = store.newReader().aggregateScratch();
            assertTrue(store.newReader().readAggregate(key, read));
            assertEquals(9, read.getSum());
            store.newAggregateWriter().write(key, 2, 18, 9, 9, 162.0, 9); // the repaired lock takes writes
        }
        finally
        {
            System.setErr(err);
        }
        final List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(), lines.stream().filter(l -> l.contains("ERROR")).toList());
        assertTrue(lines.stream().anyMatch(l -> l.contains("WARN dev.bridge.analytics.store.MapFiles - " +
            dir.resolve("aggregates.dat") + ": recovery after an unclean stop repaired 1 problem(s)")), lines.toString());
    }

    private void killHoldingTheLockOf(final long key) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.required());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LockHoldingWriter.class.getName());
        command.add(dir.toString());
        command.add(Long.toString(key));
        final Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = out.readLine()) != null && !line.equals("LOCKED"))
            {
                // Chronicle's start-up lines
            }
            assertEquals("LOCKED", line);
        }
        finally
        {
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
    }
}

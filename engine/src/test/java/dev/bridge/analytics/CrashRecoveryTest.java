package dev.bridge.analytics;

import dev.bridge.analytics.export.SnapshotPart;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A forked JVM publishes without pause and reports each flushed total; it is killed with SIGKILL mid-load. The
 * next engine on the directory recovers the maps and holds at least the last reported total.
 */
class CrashRecoveryTest
{
    private static final int COMMITS_BEFORE_KILL = 5;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldKeepEveryCommittedBucketAfterKillMinus9() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.required());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashingWriter.class.getName());
        command.add(dir.toString());
        final Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long lastCommitted = -1;
        int commits = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (commits < COMMITS_BEFORE_KILL && (line = out.readLine()) != null)
            {
                if (line.startsWith("COMMITTED "))
                {
                    lastCommitted = Long.parseLong(line.substring("COMMITTED ".length()));
                    commits++;
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertEquals(COMMITS_BEFORE_KILL, commits);

        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir)))
        {
            assertTrue(engine.recoveredStore(), "the lock file of the killed writer triggers recovery");
            final Stats reads = engine.queries().stats("variable_read", TimeRange.ALL);
            assertTrue(reads.count() >= lastCommitted,
                "recovered " + reads.count() + " reads, the writer had committed " + lastCommitted);
            assertEquals(reads.count(), reads.sum());
            final long total = scrapedReads(engine);
            assertTrue(total >= lastCommitted && total <= reads.count(),
                "scraped total " + total + ", committed " + lastCommitted + ", stored " + reads.count());
            engine.counter("variable_read").increment(); // the recovered store takes writes
            engine.flush();
            assertEquals(reads.count() + 1, engine.queries().stats("variable_read", TimeRange.ALL).count());
            assertEquals(total + 1, scrapedReads(engine), "the running total continues");
        }
    }

    /** @return the running total of variable_read that /metrics exports. */
    private static long scrapedReads(final AnalyticsEngine engine)
    {
        return engine.queries().totals(EnumSet.noneOf(SnapshotPart.class))
            .series().stream().filter(s -> s.metric().name().equals("variable_read") && s.labels().isEmpty())
            .findFirst().orElseThrow().total();
    }
}

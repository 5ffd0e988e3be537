package dev.bridge.analytics;

import dev.bridge.analytics.query.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A store this process may not write (a backup on read-only media) can be queried: Chronicle maps its files
 * read-write, so the reader reads a private copy. Tests run as root, whom permissions do not stop: the files and the
 * directory are made immutable ({@code chattr +i}), which stops root too; the test is skipped where chattr is
 * unavailable (MetricStoreCopyTest covers the copy itself).
 */
class ReadOnlyStoreTest
{
    @TempDir
    Path dir;

    @Test
    void shouldQueryAStoreItCannotWrite() throws Exception
    {
        final Path store = dir.resolve("store");
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(store)))
        {
            engine.counter("variable_read").add(7);
            engine.histogram("read_latency_us").record(180);
            engine.flush();
        }
        final List<Path> paths = new ArrayList<>();
        try (Stream<Path> files = Files.list(store))
        {
            files.forEach(paths::add);
        }
        paths.add(store);
        assumeTrue(chattr("+i", paths), "chattr +i is not available here");
        try
        {
            try (AnalyticsReader reader = AnalyticsReader.open(TestConfigs.inDirectory(store), store))
            {
                assertEquals(7, reader.queries().stats("variable_read", Map.of(), TimeRange.ALL).sum());
                assertEquals(180L, reader.queries().percentile("read_latency_us", Map.of(), TimeRange.ALL, 0.5));
            }
        }
        finally
        {
            assertEquals(true, chattr("-i", paths));
        }
    }

    private static boolean chattr(final String flag, final List<Path> paths) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("chattr", flag));
        paths.forEach(p -> command.add(p.toString()));
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        }
        catch (final IOException ex)
        {
            return false; // no chattr
        }
    }
}

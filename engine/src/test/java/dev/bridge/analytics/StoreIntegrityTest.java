package dev.bridge.analytics;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A truncated, foreign, zero-filled, missing or swapped map file is refused at open, by readers and writers, with a
 * message naming the file, and the file is left exactly as it was (a read-only query used to re-initialise an empty
 * series.dat, and the next engine then gave the old buckets' ids to other metrics).
 */
class StoreIntegrityTest
{
    static final String RESTORE = ": restore it from a backup; the store was not opened and nothing was changed";

    @TempDir
    Path dir;

    private EngineConfig config()
    {
        return TestConfigs.inDirectory(dir);
    }

    private void writeStore()
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(config()))
        {
            engine.counter("variable_read").add(5);
            engine.histogram("read_latency_us").record(180);
            engine.flush();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "series.dat", "aggregates.dat", "histograms.dat", "samples.dat", "totals.dat", "totals-histograms.dat" })
    void shouldRefuseATruncatedMapFileAndLeaveItUnchanged(final String file) throws IOException
    {
        writeStore();
        final Path path = dir.resolve(file);
        Files.write(path, new byte[0]);
        final FileTime modified = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(path, modified);

        final StoreException read = assertThrows(StoreException.class, () -> AnalyticsReader.open(config(), dir));
        assertEquals(path + ": truncated (0 bytes)" + RESTORE, read.getMessage());
        final StoreException write = assertThrows(StoreException.class, () -> AnalyticsEngine.start(config()));
        assertEquals(path + ": truncated (0 bytes)" + RESTORE, write.getMessage());

        assertEquals(0, Files.size(path));
        assertEquals(modified, Files.getLastModifiedTime(path));
        assertFalse(Files.exists(dir.resolve("engine.lock")), "a refused writer leaves no lock file behind");
    }

    @Test
    void shouldRefuseAForeignFileAndLeaveItUnchanged() throws IOException
    {
        writeStore();
        final Path path = dir.resolve("histograms.dat");
        final byte[] foreign = new byte[100_000];
        new Random(13).nextBytes(foreign);
        Files.write(path, foreign);

        final StoreException read = assertThrows(StoreException.class, () -> AnalyticsReader.open(config(), dir));

        assertEquals(path + ": not a store file (no Chronicle Map header)" + RESTORE, read.getMessage());
        assertArrayEquals(foreign, Files.readAllBytes(path));
    }

    @Test
    void shouldRefuseAZeroFilledFileAtOnce() throws IOException
    {
        writeStore();
        final Path path = dir.resolve("aggregates.dat");
        Files.write(path, new byte[(int)Files.size(path)]); // Chronicle waited a minute on such a file, then threw

        final StoreException read = assertThrows(StoreException.class, () -> AnalyticsReader.open(config(), dir));

        assertEquals(path + ": not a store file (no Chronicle Map header)" + RESTORE, read.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "series.dat", "totals.dat", "totals-histograms.dat" })
    void shouldRefuseAMissingMapFileInsteadOfCreatingAnEmptyOne(final String file) throws IOException
    {
        writeStore();
        final Path path = dir.resolve(file);
        Files.delete(path);

        final StoreException read = assertThrows(StoreException.class, () -> AnalyticsReader.open(config(), dir));
        final StoreException write = assertThrows(StoreException.class, () -> AnalyticsEngine.start(config()));

        final String expected = path + ": missing: the store in this directory needs it" + RESTORE;
        assertEquals(expected, read.getMessage());
        assertEquals(expected, write.getMessage());
        assertFalse(Files.exists(path));
    }

    @Test
    void shouldRefuseASeriesFileThatDoesNotNameTheStoredSeries() throws IOException
    {
        final Path other = dir.resolve("other");
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(other)))
        {
            engine.flush(); // the engine's own series only
        }
        final int readId;
        try (AnalyticsEngine engine = AnalyticsEngine.start(config()))
        {
            engine.counter("variable_read").add(5);
            engine.flush();
            readId = engine.queries().series().stream().filter(s -> s.metric().name().equals("variable_read")).findFirst()
                .orElseThrow().id();
        }
        Files.copy(other.resolve("series.dat"), dir.resolve("series.dat"), StandardCopyOption.REPLACE_EXISTING);
        final byte[] before = Files.readAllBytes(dir.resolve("series.dat"));

        final StoreException read = assertThrows(StoreException.class, () -> AnalyticsReader.open(config(), dir));

        assertEquals(dir.resolve("series.dat") + ": does not name series id " + readId + ", which aggregates.dat holds " +
            "buckets of: the series map is damaged or belongs to another store" + RESTORE, read.getMessage());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("series.dat")));
    }

    @Test
    void shouldKeepEachMetricsHistoryWhenTheCatalogIsReordered() throws Exception
    {
        final String first = catalog("alpha_total", "beta_total");
        final String reordered = catalog("beta_total", "alpha_total");
        try (AnalyticsEngine engine = AnalyticsEngine.start(EngineConfig.parse(first, "first.yaml")))
        {
            engine.counter("alpha_total").add(3);
            engine.counter("beta_total").add(40);
            engine.flush();
        }
        try (AnalyticsEngine engine = AnalyticsEngine.start(EngineConfig.parse(reordered, "reordered.yaml")))
        {
            engine.counter("beta_total").add(2); // registered first now
            engine.flush();
            assertEquals(3, engine.queries().stats("alpha_total", TimeRange.ALL).sum());
            assertEquals(42, engine.queries().stats("beta_total", TimeRange.ALL).sum());
        }
    }

    private String catalog(final String... counters)
    {
        final StringBuilder yaml = new StringBuilder("engine:\n  data_directory: " + dir + "\n  store_entries: 100000\n" +
            "  resource_sampling_interval: 0s\nmetrics:\n");
        Arrays.stream(counters).forEach(name ->
            yaml.append("  ").append(name).append(":\n    type: counter\n    unit: ops\n    help: x\n"));
        return yaml.toString();
    }
}

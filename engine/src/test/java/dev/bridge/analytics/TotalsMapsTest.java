package dev.bridge.analytics;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.export.ExportFormat;
import dev.bridge.analytics.export.SeriesExport;
import dev.bridge.analytics.export.SnapshotPart;
import dev.bridge.analytics.store.StoreException;
import dev.bridge.analytics.store.StoreFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The running totals live in totals.dat and totals-histograms.dat (store format 2). A store of format 1 (totals in
 * the bucket maps) is read as it is, unchanged, and its first writing open moves its totals, also when an earlier
 * move was cut short before or after its manifest; the scrape is the same bytes throughout, and counting continues.
 */
class TotalsMapsTest
{
    private static final String RESTORE = StoreIntegrityTest.RESTORE;
    /** Added to each format-1 total's count and sum: read from there, the counter says 1005, not 5. */
    private static final long BIAS = 1_000;
    private static final String FORMAT_2 = "format_version=2\nfiles=aggregates.dat,histograms.dat,series.dat," +
        "samples.dat,series-starts.dat,totals.dat,totals-histograms.dat\n";

    @TempDir
    Path dir;

    private EngineConfig config()
    {
        return TestConfigs.inDirectory(dir);
    }

    /** Writes 5 reads and 3 latencies; returns the store's scrape. */
    private String writeStore()
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(config()))
        {
            engine.counter("variable_read").add(5);
            for (final long v : new long[]{ 180, 2_000, 31_000 })
            {
                engine.histogram("read_latency_us").record(v);
            }
            engine.flush();
        }
        return readerScrape();
    }

    /** @return the Prometheus text a reader of the closed store scrapes, without the engine's own series. */
    private String readerScrape()
    {
        try (AnalyticsReader reader = AnalyticsReader.open(config(), dir))
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            reader.queries().scrape(ExportFormat.PROMETHEUS, out);
            return out.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.contains("dspex_engine_"))
                .collect(Collectors.joining("\n"));
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private String manifest() throws IOException
    {
        return Files.readString(dir.resolve("store.manifest")).lines().filter(line -> !line.startsWith("#"))
            .collect(Collectors.joining("\n", "", "\n"));
    }

    private static SeriesExport series(final AnalyticsEngine engine, final String metric)
    {
        return engine.queries().totals(EnumSet.noneOf(SnapshotPart.class)).series().stream()
            .filter(s -> s.metric().name().equals(metric) && s.labels().isEmpty()).findFirst().orElseThrow();
    }

    @Test
    void shouldKeepTheRunningTotalsInMapsOfTheirOwn() throws IOException
    {
        final String scrape = writeStore();

        assertEquals(FORMAT_2, manifest());
        assertEquals(0, StoreFormats.totalsInBucketMaps(dir), "no running total in aggregates.dat or histograms.dat");
        final long[] entries = StoreFormats.totalsEntries(dir);
        assertArrayEquals(new long[]{ 2, 1 }, entries, "totals.dat: both series; totals-histograms.dat: the histogram");
        assertTrue(scrape.contains("\ndspex_variable_read_total 5.0\n") &&
            scrape.contains("\ndspex_read_latency_seconds_count 3\n"), scrape);
        try (AnalyticsEngine engine = AnalyticsEngine.start(config()))
        {
            assertEquals(5, series(engine, "variable_read").total());
            assertEquals(180 + 2_000 + 31_000, series(engine, "read_latency_us").total(), "a histogram's total is its sum");
        }
    }

    @Test
    void shouldReadASeriesThatNeverHeldDataAsEmptyWithItsDistribution()
    {
        writeStore();
        try (AnalyticsEngine engine = AnalyticsEngine.start(config()))
        {
            engine.histogram("write_latency_us"); // registered, never recorded
            engine.flush();
        }
        try (AnalyticsReader reader = AnalyticsReader.open(config(), dir))
        {
            final SeriesExport write = reader.queries().totals(EnumSet.of(SnapshotPart.DISTRIBUTIONS)).series().stream()
                .filter(s -> s.metric().name().equals("write_latency_us")).findFirst().orElseThrow();
            assertEquals(0, write.stats().count());
            assertEquals(0, write.distribution().getTotalCount(), "an empty distribution, as a read over ALL gives");
            assertEquals(null, write.createdMs());
            final SeriesExport read = reader.queries().totals(EnumSet.of(SnapshotPart.DISTRIBUTIONS)).series().stream()
                .filter(s -> s.metric().name().equals("read_latency_us")).findFirst().orElseThrow();
            assertEquals(3, read.distribution().getTotalCount());
        }
    }

    @Test
    void shouldReadAStoreOfFormatOneUnchangedAndMoveItsTotalsAtTheFirstWritingOpen() throws IOException
    {
        writeStore();
        StoreFormats.toFormatOne(dir, BIAS);
        final byte[] aggregates = Files.readAllBytes(dir.resolve("aggregates.dat"));
        final String formatOne = manifest();

        final String biased = readerScrape();
        assertTrue(biased.contains("\ndspex_variable_read_total 1005.0\n"),
            "a reader reads the totals where format 1 keeps them, not over the buckets (5): " + biased);
        assertFalse(Files.exists(dir.resolve("totals.dat")), "a reader creates nothing");
        assertEquals(formatOne, manifest());
        assertArrayEquals(aggregates, Files.readAllBytes(dir.resolve("aggregates.dat")), "a reader changes nothing");

        try (AnalyticsEngine engine = AnalyticsEngine.start(config()))
        {
            assertEquals(1_005, series(engine, "variable_read").total(), "the moved totals, not totals seeded anew (5)");
            engine.counter("variable_read").add(3);
            engine.flush();
            assertEquals(1_008, series(engine, "variable_read").total());
        }
        assertEquals(FORMAT_2, manifest());
        assertEquals(0, StoreFormats.totalsInBucketMaps(dir));
        assertEquals(biased.replace("dspex_variable_read_total 1005.0", "dspex_variable_read_total 1008.0"), readerScrape());
    }

    @Test
    void shouldMoveAStoreFromBeforeTheManifest() throws IOException
    {
        writeStore();
        StoreFormats.toFormatOne(dir, BIAS);
        Files.delete(dir.resolve("store.manifest"));

        try (AnalyticsEngine engine = AnalyticsEngine.start(config()))
        {
            assertEquals(1_005, series(engine, "variable_read").total());
        }
        assertEquals(FORMAT_2, manifest());
        assertEquals(0, StoreFormats.totalsInBucketMaps(dir));
    }

    @Test
    void shouldStartAgainAMoveKilledBeforeItsManifest() throws IOException
    {
        writeStore();
        StoreFormats.toFormatOne(dir, BIAS);
        final String biased = readerScrape();
        final byte[] half = new byte[70_000]; // what a cut creation leaves: not a map
        new Random(7).nextBytes(half);
        Files.write(dir.resolve("totals.dat"), half);
        Files.write(dir.resolve("totals-histograms.dat"), new byte[0]);
        Files.createFile(dir.resolve("engine.lock")); // what kill -9 leaves

        assertEquals(biased, readerScrape(), "files a store of format 1 does not list are not read");
        assertArrayEquals(half, Files.readAllBytes(dir.resolve("totals.dat")), "nor changed by a reader");

        try (AnalyticsEngine engine = AnalyticsEngine.start(config()))
        {
            assertTrue(engine.recoveredStore());
            assertEquals(1_005, series(engine, "variable_read").total(), "moved again from the bucket maps");
        }
        assertEquals(FORMAT_2, manifest());
        assertEquals(0, StoreFormats.totalsInBucketMaps(dir));
        assertEquals(biased, readerScrape());
    }

    @Test
    void shouldFinishAMoveKilledDuringItsRemovalWithoutReadingWhatIsLeft() throws IOException
    {
        final String scrape = writeStore();
        StoreFormats.copyTotalsIntoBucketMaps(dir, BIAS); // left behind, and different: a read of them would show
        Files.createFile(dir.resolve("engine.lock")); // what kill -9 leaves
        final long left = StoreFormats.totalsInBucketMaps(dir);
        assertEquals(3, left, "two aggregates and a histogram");

        assertEquals(scrape, readerScrape(), "a store of format 2 reads its totals from the totals maps only");
        assertEquals(left, StoreFormats.totalsInBucketMaps(dir), "a reader removes nothing");
        try (AnalyticsEngine engine = AnalyticsEngine.start(config()))
        {
            assertTrue(engine.recoveredStore());
            assertEquals(5, series(engine, "variable_read").total());
        }
        assertEquals(0, StoreFormats.totalsInBucketMaps(dir), "the writing open finished the removal");
        assertEquals(scrape, readerScrape());
    }

    @Test
    void shouldRefuseAStoreOfFormatTwoThatLostItsManifest() throws IOException
    {
        writeStore();
        Files.delete(dir.resolve("store.manifest"));
        final byte[] totals = Files.readAllBytes(dir.resolve("totals.dat"));

        final StoreException read = assertThrows(StoreException.class, () -> AnalyticsReader.open(config(), dir));
        final StoreException write = assertThrows(StoreException.class, () -> AnalyticsEngine.start(config()));

        final String expected = dir.resolve("store.manifest") + ": missing: the store holds totals.dat, so it is of " +
            "format 2 and needs its manifest (an engine would take it for an older store and lose its running totals)" +
            RESTORE;
        assertEquals(expected, read.getMessage());
        assertEquals(expected, write.getMessage());
        assertArrayEquals(totals, Files.readAllBytes(dir.resolve("totals.dat")));
        assertFalse(Files.exists(dir.resolve("store.manifest")), "a refused open writes no manifest");
    }

    @Test
    void shouldRefuseTotalsOfASeriesTheSeriesMapDoesNotName() throws IOException
    {
        writeStore();
        StoreFormats.addTotals(dir, 9_999);

        final StoreException read = assertThrows(StoreException.class, () -> AnalyticsReader.open(config(), dir));

        assertEquals(dir.resolve("series.dat") + ": does not name series id 9999, which totals.dat holds buckets of: " +
            "the series map is damaged or belongs to another store" + RESTORE, read.getMessage());
    }

    @Test
    void shouldRefuseAStoreOfANewerFormat() throws IOException
    {
        writeStore();
        final Path path = dir.resolve("store.manifest");
        Files.writeString(path, "format_version=3\n");

        final StoreException read = assertThrows(StoreException.class, () -> AnalyticsReader.open(config(), dir));
        final StoreException write = assertThrows(StoreException.class, () -> AnalyticsEngine.start(config()));

        final String expected = path + ": format_version 3 is not 1 or 2: the directory holds a store of another " +
            "format or another program" + RESTORE;
        assertEquals(expected, read.getMessage());
        assertEquals(expected, write.getMessage());
        assertEquals("format_version=3\n", Files.readString(path));
    }
}

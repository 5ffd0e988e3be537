package dev.bridge.analytics.store;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;

/**
 * {@value #FILE}: written by the engine when it creates a store, it says that the directory holds a store of this
 * format and which map files it needs, so that a deleted or never-copied file is refused instead of recreated empty
 * (an empty series.dat gave the old buckets' ids to whichever metrics registered first). A store written before the
 * manifest existed is recognised by its {@code aggregates.dat} and gets one at its next writing open.
 * <pre>
 * format_version=2
 * files=aggregates.dat,histograms.dat,series.dat,samples.dat,series-starts.dat,totals.dat,totals-histograms.dat
 * </pre>
 * Format 2 keeps each series' running totals in maps of their own ({@code totals.dat}, {@code totals-histograms.dat}),
 * where format 1 kept them in the bucket maps. An engine of format 1 refuses a store of format 2 (it would read its
 * totals as absent); this one reads a store of format 1 (or without a manifest) as it is and moves its totals at its
 * first writing open.
 * Stateless, thread-safe.
 */
final class StoreManifest
{
    static final String FILE = "store.manifest";
    static final int FORMAT_VERSION = 2;
    /** The format whose running totals live in the bucket maps (read as it is; moved at the first writing open). */
    static final int BUCKET_MAP_TOTALS_VERSION = 1;

    private StoreManifest()
    {
    }

    /** What a directory holds. */
    enum Content
    {
        /** No store: neither a manifest nor map files. */
        NONE,
        /** A store written before the manifest existed (map files, no manifest). */
        UNLISTED,
        /** A store of format {@value #BUCKET_MAP_TOTALS_VERSION}: its running totals are in the bucket maps. */
        LISTED_BUCKET_MAP_TOTALS,
        /** A store of the current format, with its manifest. */
        LISTED
    }

    /** @return what {@code dir} holds; a foreign or newer manifest is refused. */
    static Content read(final Path dir)
    {
        final Path path = dir.resolve(FILE);
        if (!Files.exists(path))
        {
            return Files.exists(dir.resolve(MetricStore.AGGREGATES_FILE)) || Files.exists(dir.resolve(MetricStore.SERIES_FILE)) ||
                Files.exists(dir.resolve(MetricStore.HISTOGRAMS_FILE)) ? Content.UNLISTED : Content.NONE;
        }
        final Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8))
        {
            p.load(in);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new StoreException(path, "cannot be read (" + ex.getMessage() + ")" + MapFiles.RESTORE, ex);
        }
        final String version = p.getProperty("format_version");
        if (String.valueOf(FORMAT_VERSION).equals(version))
        {
            return Content.LISTED;
        }
        if (String.valueOf(BUCKET_MAP_TOTALS_VERSION).equals(version))
        {
            return Content.LISTED_BUCKET_MAP_TOTALS;
        }
        throw new StoreException(path, "format_version " + version + " is not " + BUCKET_MAP_TOTALS_VERSION + " or " +
            FORMAT_VERSION + ": the directory holds a store of another format or another program" + MapFiles.RESTORE);
    }

    /** Writes the manifest of a store of {@code version} with {@code files} (atomically: a temporary file renamed over it). */
    static void write(final Path dir, final List<String> files, final int version)
    {
        final Path path = dir.resolve(FILE);
        final Path temporary = dir.resolve(FILE + ".tmp");
        try
        {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8))
            {
                out.write("# Bridge Analytics store: written by the engine, do not edit\n");
                out.write("format_version=" + version + "\n");
                out.write("files=" + String.join(",", files) + "\n");
            }
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new StoreException(path, "cannot be written: " + ex.getMessage(), ex);
        }
    }
}

package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.export.ExportFormat;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.store.DirectoryTrees;
import org.agrona.concurrent.EpochClock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Our engine on an {@link ExpositionCatalog}'s configuration, in a temporary directory of its own (the store under
 * {@code store/}), with the buffer the exposition benchmarks write into (reset before each write). The benchmark fills
 * it ({@link ExpositionCatalog#recordInto}); closing closes the engine and deletes the directory.
 * <p>
 * Thread-safety: built and closed on one thread; the writes are the engine's (thread-safe), one measuring thread.
 */
final class CatalogEngine implements AutoCloseable
{
    private final Path directory;
    private final AnalyticsEngine engine;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);

    /**
     * @param catalog      the series and their configuration.
     * @param storeEntries the store's aggregate entries.
     * @param clock        the engine's clock (a benchmark backdates history with it).
     */
    CatalogEngine(final ExpositionCatalog catalog, final long storeEntries, final EpochClock clock) throws IOException
    {
        directory = Files.createTempDirectory("bridge-catalog-");
        engine = AnalyticsEngine.start(catalog.config(directory.resolve("store"), storeEntries), clock);
    }

    /** @return the engine. */
    AnalyticsEngine engine()
    {
        return engine;
    }

    /** @return a file path in the engine's temporary directory. */
    Path file(final String name)
    {
        return directory.resolve(name);
    }

    /** @return the bytes of what {@code /metrics} writes in {@code format}: every series' running totals. */
    int scrape(final ExportFormat format)
    {
        out.reset();
        try
        {
            engine.queries().scrape(format, out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.size();
    }

    /** @return the bytes of every series over {@code range} in {@code format} (what /metrics wrote before totals). */
    int export(final ExportFormat format, final TimeRange range)
    {
        out.reset();
        try
        {
            engine.queries().export(format, range, out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.size();
    }

    @Override
    public void close()
    {
        engine.close();
        DirectoryTrees.delete(directory);
    }
}

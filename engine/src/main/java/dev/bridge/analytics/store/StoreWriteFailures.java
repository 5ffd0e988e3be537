package dev.bridge.analytics.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts writes the store refused (a full map, most often) and remembers, in the data directory, that the store
 * has lost writes: {@value #FILE} holds one line per map that failed first in an engine run. Queries read it to
 * tell an incomplete store (a percentile whose histograms were not stored is refused) from one whose writers are
 * only behind. Thread-safe: writer threads report, any thread reads; the file is written once per map and run.
 */
public final class StoreWriteFailures
{
    /** The file that records lost writes; it stays until the store is rebuilt. */
    public static final String FILE = "write-failures.log";

    private final Path directory;
    private final AtomicLong count = new AtomicLong();
    private final java.util.Set<String> recorded = java.util.concurrent.ConcurrentHashMap.newKeySet();

    StoreWriteFailures(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * Counts a refused write of {@code file} and records it on disk (first time per map).
     *
     * @param entries the entries the map holds now, for the message.
     * @return the exception to throw: its message is the same for every failure of that map (so the error log
     *         logs it once), it names the setting to raise, the cause is Chronicle's.
     */
    StoreException onFailure(final String file, final long entries, final RuntimeException cause)
    {
        count.incrementAndGet();
        final String problem = "cannot write a bucket: the map is full (or damaged); the bucket stays in memory and is retried at each commit, counted in " +
            "engine_store_write_failures. Raise engine.store_entries and rebuild the store (a store keeps the " +
            "capacity it was created with): snapshot it, start on a new data_directory, merge the snapshot";
        if (recorded.add(file))
        {
            try
            {
                Files.writeString(directory.resolve(FILE), Instant.now() + " " + file + " (" + entries + " entries): " +
                    cause.toString().lines().findFirst().orElse("") + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
            catch (final IOException | RuntimeException ignore)
            {
                // the count and the logged exception still report it
            }
        }
        return new StoreException(directory.resolve(file), problem, cause);
    }

    /** @return writes refused since the store was opened (volatile read). */
    public long count()
    {
        return count.get();
    }

    /** @return true when {@code directory} records lost writes (a file system check: not for hot paths). */
    static boolean recorded(final Path directory)
    {
        return Files.exists(directory.resolve(FILE));
    }
}

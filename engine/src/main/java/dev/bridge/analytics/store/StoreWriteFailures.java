package dev.bridge.analytics.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The file that holds the earliest bucket start (epoch seconds) whose aggregate the store refused to write. */
    public static final String AGGREGATES_LOST_FROM_FILE = "aggregates-lost-from";
    /** No aggregate write was refused. */
    public static final long NOTHING_LOST = Long.MAX_VALUE;

    private final Path directory;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong aggregatesLostFromSec;
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    StoreWriteFailures(final Path directory)
    {
        this.directory = directory;
        this.aggregatesLostFromSec = new AtomicLong(readAggregatesLostFrom(directory));
    }

    /**
     * Counts a refused aggregate write of the bucket {@code bucketKey} and records, on disk, the earliest bucket start
     * whose aggregate is lost: queries whose range reaches it are refused ({@link #aggregatesLostFromSec()}).
     *
     * @return the exception to throw (as {@link #onFailure}).
     */
    StoreException onAggregateFailure(final long bucketKey, final long entries, final RuntimeException cause)
    {
        final long startSec = BucketKey.bucketStartSec(bucketKey);
        if (BucketKey.isTotals(bucketKey))
        {
            return onFailure(MetricStore.TOTALS_FILE, entries, cause); // no bucket lost: the next commit retries
        }
        if (startSec < aggregatesLostFromSec.getAndAccumulate(startSec, Math::min))
        {
            try
            {
                final Path tmp = directory.resolve(AGGREGATES_LOST_FROM_FILE + ".tmp");
                Files.writeString(tmp, Long.toString(aggregatesLostFromSec.get()), StandardCharsets.UTF_8);
                Files.move(tmp, directory.resolve(AGGREGATES_LOST_FROM_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            }
            catch (final IOException | RuntimeException ignore)
            {
                // this process still refuses the queries; the count and the logged exception report the loss
            }
        }
        return onFailure(MetricStore.AGGREGATES_FILE, entries, cause);
    }

    /**
     * @return the earliest bucket start (epoch seconds) whose aggregate this store refused to write, in this run or
     *         an earlier one, or {@link #NOTHING_LOST}. Volatile read.
     */
    long aggregatesLostFromSec()
    {
        return aggregatesLostFromSec.get();
    }

    private static long readAggregatesLostFrom(final Path directory)
    {
        final Path file = directory.resolve(AGGREGATES_LOST_FROM_FILE);
        if (!Files.exists(file))
        {
            return NOTHING_LOST;
        }
        try
        {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
        }
        catch (final IOException | RuntimeException unreadable)
        {
            return Long.MIN_VALUE; // unreadable: every range may miss aggregates
        }
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
            "engine_store_write_failures. Raise " + sizingSetting(file) + " and rebuild the store (a store keeps the " +
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

    /** @return the setting that sizes {@code file}: the totals maps hold one entry per series. */
    private static String sizingSetting(final String file)
    {
        return MetricStore.TOTALS_FILE.equals(file) || MetricStore.TOTAL_HISTOGRAMS_FILE.equals(file) ?
            "engine.max_series" : "engine.store_entries";
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

package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The persisted store: three Chronicle Maps in one data directory.
 * <ul>
 *   <li>{@code aggregates.dat}: {@link BucketKey} -> {@link BucketAggregate} (fixed size);</li>
 *   <li>{@code histograms.dat}: {@link BucketKey} -> HdrHistogram V2 encoding (sparse, variable size);</li>
 *   <li>{@code samples.dat}: raw {@link BucketKey} -> exact samples of histogram metrics that keep them;</li>
 *   <li>{@code series.dat}: series key text -> series id;</li>
 *   <li>{@code series-starts.dat}: series id -> earliest raw bucket with data (see {@link SeriesStarts}).</li>
 * </ul>
 * A lock file ({@code engine.lock}) marks an open writer: one engine per directory at a time (held with an OS
 * file lock), and a lock file left behind by a killed process makes the next open recover the maps
 * ({@code recoverPersistedTo}, which also clears segment locks the dead process held).
 * <p>
 * Thread-safety: the maps are safe for concurrent use by any threads and processes. Writers obtained with
 * {@link #newAggregateWriter()} / {@link #newHistogramWriter()} hold reusable buffers and belong to one thread each.
 */
public final class MetricStore implements Closeable
{
    private static final Logger LOG = LoggerFactory.getLogger(MetricStore.class);
    static final String AGGREGATES_FILE = "aggregates.dat";
    static final String HISTOGRAMS_FILE = "histograms.dat";
    static final String SERIES_FILE = "series.dat";
    static final String SAMPLES_FILE = "samples.dat";
    static final String LOCK_FILE = "engine.lock";
    /** Histogram buckets are sized as this fraction of the aggregate buckets: only histogram metrics have them. */
    static final int HISTOGRAM_SHARE = 8;

    private final Path directory;
    private final ChronicleMap<LongValue, BucketAggregate> aggregates;
    private final ChronicleMap<LongValue, ByteBuffer> histograms;
    private final ChronicleMap<String, Integer> series;
    private final ChronicleMap<LongValue, ByteBuffer> samples;
    /** Null for a store written before starts were kept, opened for reading: range reads are then unbounded. */
    private final SeriesStarts starts;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean recovered;

    private MetricStore(
        final Path directory,
        final ChronicleMap<LongValue, BucketAggregate> aggregates,
        final ChronicleMap<LongValue, ByteBuffer> histograms,
        final ChronicleMap<String, Integer> series,
        final ChronicleMap<LongValue, ByteBuffer> samples,
        final SeriesStarts starts,
        final FileChannel lockChannel,
        final FileLock lock,
        final boolean recovered)
    {
        this.directory = directory;
        this.aggregates = aggregates;
        this.histograms = histograms;
        this.series = series;
        this.samples = samples;
        this.starts = starts;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.recovered = recovered;
    }

    /**
     * Opens (or creates) the store for writing. Fails if another engine holds the directory.
     *
     * @param directory the data directory, created if missing.
     * @param entries   capacity of the aggregate map in buckets (the histogram map gets 1/8 of it).
     * @param maxSeries capacity of the series map.
     * @return the open store; {@link #recovered()} tells whether the previous writer stopped uncleanly.
     */
    public static MetricStore openForWriting(final Path directory, final long entries, final int maxSeries)
    {
        try
        {
            Files.createDirectories(directory);
            final Path lockPath = directory.resolve(LOCK_FILE);
            final boolean unclean = Files.exists(lockPath);
            final FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock fileLock;
            try
            {
                fileLock = channel.tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                channel.close();
                throw new IllegalStateException("data directory " + directory + " is already open in this JVM", ex);
            }
            if (fileLock == null)
            {
                channel.close();
                throw new IllegalStateException("data directory " + directory + " is in use by another engine process");
            }
            if (unclean)
            {
                LOG.warn("{} was not closed cleanly: recovering the maps (work since the last commit is lost)", directory);
            }
            Files.deleteIfExists(directory.resolve(SeriesStarts.FIRST_VERSION_FILE)); // derived anew below
            final boolean startsKept = SeriesStarts.exists(directory);
            final ChronicleMap<LongValue, BucketAggregate> aggregates = openAggregates(directory, entries, unclean);
            final SeriesStarts starts = SeriesStarts.open(directory, maxSeries, unclean);
            if (!startsKept)
            {
                recordStarts(aggregates, starts); // a store from before series-starts.dat: derive them once
            }
            return new MetricStore(
                directory,
                aggregates,
                openHistograms(directory, entries, unclean),
                openSeries(directory, maxSeries, unclean),
                openSamples(directory, entries, unclean),
                starts,
                channel, fileLock, unclean);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open store in " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Opens an existing store for reading, also while an engine (in this or another process) writes it: no lock
     * file, no recovery. Thread-safe for readers; do not write through it.
     *
     * @throws IllegalArgumentException when {@code directory} holds no store.
     */
    public static MetricStore openForReading(final Path directory)
    {
        for (final String file : new String[]{ AGGREGATES_FILE, HISTOGRAMS_FILE, SERIES_FILE })
        {
            if (!Files.isRegularFile(directory.resolve(file)))
            {
                throw new IllegalArgumentException("no store in " + directory + ": " + file + " is missing");
            }
        }
        try
        {
            return new MetricStore(directory,
                openAggregates(directory, 1_000, false),
                openHistograms(directory, 1_000, false),
                openSeries(directory, 1_000, false),
                Files.exists(directory.resolve(SAMPLES_FILE)) ? openSamples(directory, 1_000, false) :
                    ChronicleMap.of(LongValue.class, ByteBuffer.class).entries(1).averageValueSize(16).create(),
                SeriesStarts.exists(directory) ? SeriesStarts.open(directory, 1_000, false) : null,
                null, null, false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open store in " + directory + ": " + ex.getMessage(), ex);
        }
    }

    private static void recordStarts(final ChronicleMap<LongValue, BucketAggregate> aggregates, final SeriesStarts starts)
    {
        aggregates.forEachEntry(entry ->
        {
            final long key = entry.key().get().getValue();
            if (entry.value().get().getCount() > 0)
            {
                starts.record(BucketKey.seriesId(key), BucketKey.bucketStartSec(key));
            }
        });
    }

    private static ChronicleMap<LongValue, BucketAggregate> openAggregates(
        final Path dir, final long entries, final boolean recover) throws IOException
    {
        final File file = dir.resolve(AGGREGATES_FILE).toFile();
        final var builder = ChronicleMap.of(LongValue.class, BucketAggregate.class)
            .skipCloseOnExitHook(true) // closed by the engine after its last commit, not by a racing JVM hook
            .name("aggregates").entries(entries).putReturnsNull(true).removeReturnsNull(true).checksumEntries(false);
        return recover && file.exists() ? builder.recoverPersistedTo(file, true) : builder.createPersistedTo(file);
    }

    private static ChronicleMap<LongValue, ByteBuffer> openHistograms(
        final Path dir, final long entries, final boolean recover) throws IOException
    {
        final File file = dir.resolve(HISTOGRAMS_FILE).toFile();
        final var builder = ChronicleMap.of(LongValue.class, ByteBuffer.class)
            .skipCloseOnExitHook(true) // closed by the engine after its last commit, not by a racing JVM hook
            .name("histograms").entries(Math.max(1_000, entries / HISTOGRAM_SHARE)).averageValueSize(1024).putReturnsNull(true).removeReturnsNull(true).checksumEntries(false);
        return recover && file.exists() ? builder.recoverPersistedTo(file, true) : builder.createPersistedTo(file);
    }

    private static ChronicleMap<LongValue, ByteBuffer> openSamples(
        final Path dir, final long entries, final boolean recover) throws IOException
    {
        final File file = dir.resolve(SAMPLES_FILE).toFile();
        final var builder = ChronicleMap.of(LongValue.class, ByteBuffer.class)
            .skipCloseOnExitHook(true) // closed by the engine after its last commit, not by a racing JVM hook
            .name("samples").entries(Math.max(4_000, entries / 64)).averageValueSize(2048)
            .putReturnsNull(true).removeReturnsNull(true).checksumEntries(false);
        return recover && file.exists() ? builder.recoverPersistedTo(file, true) : builder.createPersistedTo(file);
    }

    private static ChronicleMap<String, Integer> openSeries(final Path dir, final int maxSeries, final boolean recover) throws IOException
    {
        final File file = dir.resolve(SERIES_FILE).toFile();
        final var builder = ChronicleMap.of(String.class, Integer.class)
            .skipCloseOnExitHook(true) // closed by the engine after its last commit, not by a racing JVM hook
            .name("series").entries(maxSeries).averageKeySize(64).checksumEntries(false);
        return recover && file.exists() ? builder.recoverPersistedTo(file, true) : builder.createPersistedTo(file);
    }

    /** @return true when the previous writer did not close the store (kill -9, crash) and the maps were recovered. */
    public boolean recovered()
    {
        return recovered;
    }

    /** @return the data directory. */
    public Path directory()
    {
        return directory;
    }

    /** @return the persisted series map (series key -> id); thread-safe. */
    public ChronicleMap<String, Integer> series()
    {
        return series;
    }

    /** @return a writer of aggregates with its own reusable buffers; use from one thread only. */
    public AggregateWriter newAggregateWriter()
    {
        return new AggregateWriter(aggregates, starts);
    }

    /** @return a writer of histograms with its own reusable buffers; use from one thread only. */
    public HistogramWriter newHistogramWriter()
    {
        return new HistogramWriter(histograms);
    }

    /** @return a writer of exact samples with its own reusable buffers; use from one thread only. */
    public SampleWriter newSampleWriter()
    {
        return new SampleWriter(samples);
    }

    /** @return a reader over the maps with its own reusable buffers; use from one thread only. */
    public StoreReader newReader()
    {
        return new StoreReader(aggregates, histograms, samples, starts);
    }

    /**
     * Removes every stored bucket that is past its resolution's retention at {@code nowMs} (a full scan, once at
     * start; afterwards the consumer removes buckets as they expire).
     *
     * @param retentionMs retention per resolution index, with the bucket width of each.
     * @return the number of buckets removed from the aggregate map.
     */
    public long removeExpired(final long nowMs, final long[] widthMs, final long[] retentionMs)
    {
        final long[] removed = new long[1];
        final java.util.function.LongPredicate expired = key ->
        {
            final int level = BucketKey.resolutionIndex(key);
            if (level >= widthMs.length)
            {
                return false;
            }
            final long cutOffMs = nowMs - retentionMs[level];
            final long cutOffStartMs = cutOffMs - Math.floorMod(cutOffMs, widthMs[level]);
            return BucketKey.bucketStartSec(key) * 1000L < cutOffStartMs;
        };
        aggregates.forEachEntry(entry ->
        {
            if (expired.test(entry.key().get().getValue()))
            {
                entry.doRemove();
                removed[0]++;
            }
        });
        for (final ChronicleMap<LongValue, ByteBuffer> map : java.util.List.of(histograms, samples))
        {
            map.forEachEntry(entry ->
            {
                if (expired.test(entry.key().get().getValue()))
                {
                    entry.doRemove();
                }
            });
        }
        return removed[0];
    }

    /** @return off-heap bytes used by the maps (thread-safe, no allocation). */
    public long offHeapBytes()
    {
        return aggregates.offHeapMemoryUsed() + histograms.offHeapMemoryUsed() + series.offHeapMemoryUsed() +
            samples.offHeapMemoryUsed() + (starts == null ? 0 : starts.map().offHeapMemoryUsed());
    }

    /** @return buckets stored in the aggregate map. */
    public long aggregateBuckets()
    {
        return aggregates.longSize();
    }

    /** Closes the maps and removes the lock file: the next open is a clean one. */
    @Override
    public void close()
    {
        aggregates.close();
        histograms.close();
        series.close();
        samples.close();
        if (starts != null)
        {
            starts.close();
        }
        if (lock == null)
        {
            return; // opened for reading
        }
        try
        {
            lock.release();
            lockChannel.close();
            Files.deleteIfExists(directory.resolve(LOCK_FILE));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static LongValue newKey()
    {
        return Values.newHeapInstance(LongValue.class);
    }
}

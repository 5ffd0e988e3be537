package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.values.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * The persisted store: seven Chronicle Maps in one data directory.
 * <ul>
 *   <li>{@code aggregates.dat}: {@link BucketKey} -> {@link BucketAggregate} (fixed size);</li>
 *   <li>{@code histograms.dat}: {@link BucketKey} -> HdrHistogram V2 encoding (sparse, variable size);</li>
 *   <li>{@code totals.dat} and {@code totals-histograms.dat}: the same for each series' running totals
 *       ({@link BucketKey#totals}), sized by series (see {@link RoutedMaps}; a store of format 1 kept them in the
 *       two maps above and has them moved by its first writing open, {@link TotalsMove});</li>
 *   <li>{@code samples.dat}: raw {@link BucketKey} -> exact samples of histogram metrics that keep them;</li>
 *   <li>{@code series.dat}: series key text -> series id;</li>
 *   <li>{@code series-starts.dat}: series id -> earliest raw bucket with data (see {@link SeriesStarts});</li>
 *   <li>{@code store.manifest}: format version and map files (see {@link StoreManifest});</li>
 *   <li>{@code write-failures.log}: present once the store refused a write (see {@link StoreWriteFailures}).</li>
 * </ul>
 * Every open checks the map files before Chronicle touches them and refuses a missing, empty, foreign or damaged
 * one, or a series map that does not name every series the aggregates hold, with a {@link StoreException}; nothing
 * is created or rewritten then ({@link MapFiles}). Flipped bytes inside a map's entries are not detected (entry
 * checksums would cost every read a lock upgrade; see the store's documented limits).
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
    static final String TOTALS_FILE = "totals.dat";
    static final String TOTAL_HISTOGRAMS_FILE = "totals-histograms.dat";
    static final String LOCK_FILE = "engine.lock";

    /** Every map file of a store of this version, in the order the manifest lists them. */
    static final List<String> MAP_FILES = List.of(AGGREGATES_FILE, HISTOGRAMS_FILE, SERIES_FILE, SAMPLES_FILE,
        SeriesStarts.FILE, TOTALS_FILE, TOTAL_HISTOGRAMS_FILE);
    /** The map files of a store of format 1 (running totals in the bucket maps). */
    private static final List<String> BUCKET_MAP_TOTALS_FILES = MAP_FILES.subList(0, 5);
    /** The map files every store has had since its first version. */
    private static final List<String> REQUIRED_FILES = List.of(AGGREGATES_FILE, HISTOGRAMS_FILE, SERIES_FILE);

    private final Path directory;
    private final RoutedMaps<BucketAggregate> aggregates;
    private final RoutedMaps<ByteBuffer> histograms;
    private final ChronicleMap<String, Integer> series;
    private final ChronicleMap<LongValue, ByteBuffer> samples;
    /** Null for a store written before starts were kept, opened for reading: range reads are then unbounded. */
    private final SeriesStarts starts;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean recovered;
    private final StoreWriteFailures writeFailures;
    /** The private copy a read-only store is read through (removed by close), else null. */
    private final Path copy;
    /** The writer's process's copy of the totals aggregates; null when opened for reading. */
    private final TotalsCache totalsCache;

    private MetricStore(final Path directory, final Maps maps, final FileChannel lockChannel, final FileLock lock,
        final boolean recovered, final Path copy, final TotalsCache totalsCache)
    {
        this.totalsCache = totalsCache;
        this.directory = directory;
        this.aggregates = new RoutedMaps<>(maps.aggregates, maps.totals);
        this.histograms = new RoutedMaps<>(maps.histograms, maps.totalHistograms);
        this.series = maps.series;
        this.samples = maps.samples;
        this.starts = maps.starts;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.recovered = recovered;
        this.copy = copy;
        this.writeFailures = new StoreWriteFailures(directory);
    }

    /** As {@link #openForWriting(Path, StoreCapacity)} with {@link StoreCapacity#forEntries}. */
    public static MetricStore openForWriting(final Path directory, final long entries, final int maxSeries)
    {
        return openForWriting(directory, StoreCapacity.forEntries(entries, maxSeries));
    }

    /**
     * Opens (or creates) the store for writing. Fails if another engine holds the directory. A new store gets the
     * map sizes of {@code capacity} and a manifest ({@code store.manifest}); an existing store keeps its sizes.
     *
     * @return the open store; {@link #recovered()} tells whether the previous writer stopped uncleanly.
     * @throws StoreException when a map file is missing, truncated, foreign or damaged (nothing is created or
     *                        changed then), or the directory cannot be written.
     * @throws StoreException when another engine holds the directory, or a map file is missing, truncated, foreign or damaged.
     */
    public static MetricStore openForWriting(final Path directory, final StoreCapacity capacity)
    {
        final FileChannel channel;
        final boolean unclean;
        final FileLock fileLock;
        try
        {
            Files.createDirectories(directory);
            final Path lockPath = directory.resolve(LOCK_FILE);
            unclean = Files.exists(lockPath);
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try
            {
                fileLock = channel.tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                channel.close();
                throw new StoreException(directory, "is already open by another engine in this JVM: close it first, or use another data_directory", ex);
            }
        }
        catch (final IOException ex)
        {
            throw new StoreException(directory, "cannot be opened for writing: " + ex, ex);
        }
        if (fileLock == null)
        {
            closeQuietly(channel);
            throw new StoreException(directory, "is in use by another engine process (it holds engine.lock): stop it first, or use another data_directory");
        }
        final Maps maps = new Maps();
        try
        {
            final StoreManifest.Content content = StoreManifest.read(directory);
            if (unclean && content != StoreManifest.Content.NONE)
            {
                LOG.warn("{} was not closed cleanly: recovering the maps (work since the last commit is lost)", directory);
            }
            checkFiles(directory, content);
            Files.deleteIfExists(directory.resolve(SeriesStarts.FIRST_VERSION_FILE)); // derived anew below
            final boolean startsKept = SeriesStarts.exists(directory);
            maps.aggregates = MapFiles.open(aggregatesBuilder(capacity.aggregateEntries()), directory, AGGREGATES_FILE,
                mode(directory, content, AGGREGATES_FILE, unclean));
            maps.series = MapFiles.open(seriesBuilder(capacity.maxSeries()), directory, SERIES_FILE,
                mode(directory, content, SERIES_FILE, unclean));
            final boolean current = content == StoreManifest.Content.LISTED;
            if (current)
            {
                maps.totals = MapFiles.open(totalsBuilder(capacity.maxSeries()), directory, TOTALS_FILE,
                    mode(directory, content, TOTALS_FILE, unclean));
                maps.totalHistograms = MapFiles.open(totalHistogramsBuilder(capacity.totalHistogramEntries()),
                    directory, TOTAL_HISTOGRAMS_FILE, mode(directory, content, TOTAL_HISTOGRAMS_FILE, unclean));
            }
            // every check before a file is created or changed: a refused open leaves the directory as it was
            final long bucketMapTotals =
                checkSeriesIds(directory, maps.series, maps.aggregates, current ? maps.totals : maps.aggregates);
            maps.starts = SeriesStarts.open(directory, capacity.maxSeries(),
                mode(directory, content, SeriesStarts.FILE, unclean), true);
            if (!startsKept)
            {
                recordStarts(maps.aggregates, maps.starts); // a store from before series-starts.dat: derive them once
            }
            maps.histograms = MapFiles.open(histogramsBuilder(capacity.histogramEntries()), directory, HISTOGRAMS_FILE,
                mode(directory, content, HISTOGRAMS_FILE, unclean));
            maps.samples = MapFiles.open(samplesBuilder(capacity.sampleEntries()), directory, SAMPLES_FILE,
                mode(directory, content, SAMPLES_FILE, unclean));
            if (!current)
            {
                if (content == StoreManifest.Content.UNLISTED)
                {
                    // first a manifest of format 1: totals files beside no manifest then only mean a lost manifest
                    StoreManifest.write(directory, BUCKET_MAP_TOTALS_FILES, StoreManifest.BUCKET_MAP_TOTALS_VERSION);
                }
                // left by a move cut before its manifest: the bucket maps still hold every total, it starts again
                Files.deleteIfExists(directory.resolve(TOTALS_FILE));
                Files.deleteIfExists(directory.resolve(TOTAL_HISTOGRAMS_FILE));
                maps.totals = MapFiles.open(totalsBuilder(Math.max(capacity.maxSeries(), maps.series.longSize())),
                    directory, TOTALS_FILE, MapFiles.Mode.CREATE);
                // a quarter of the catalog's histogram series, growing 8x; a moved store's, of all its series
                maps.totalHistograms = MapFiles.open(totalHistogramsBuilder(
                    Math.max(capacity.totalHistogramEntries(), maps.series.longSize() / 4)), directory,
                    TOTAL_HISTOGRAMS_FILE, MapFiles.Mode.CREATE);
            }
            final TotalsMove move = new TotalsMove(maps.aggregates, maps.histograms, maps.totals, maps.totalHistograms);
            if (!current)
            {
                move.copy();
                StoreManifest.write(directory, MAP_FILES, StoreManifest.FORMAT_VERSION); // the totals maps are the store's
            }
            if (!current || bucketMapTotals > 0)
            {
                move.removeFromBucketMaps();
            }
            final TotalsCache totalsCache = new TotalsCache(capacity.maxSeries());
            totalsCache.load(maps.totals);
            return new MetricStore(directory, maps, channel, fileLock, unclean, null, totalsCache);
        }
        catch (final IOException | RuntimeException ex)
        {
            maps.close();
            closeQuietly(channel);
            if (!unclean)
            {
                deleteQuietly(directory.resolve(LOCK_FILE)); // a refused open leaves the directory as it was
            }
            if (ex instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw new StoreException(directory, "cannot be opened for writing: " + ex, ex);
        }
    }

    /**
     * Opens an existing store for reading, also while an engine (in this or another process) writes it: no lock
     * file, no recovery, and nothing is ever created or rewritten. A store this process may not write (read-only
     * files or directory) is read through a private copy in a temporary directory (see {@link ReadOnlyCopy}).
     * Thread-safe for readers; do not write through it.
     *
     * @throws IllegalArgumentException when {@code directory} holds no store.
     * @throws StoreException           when a map file is missing, truncated, foreign or damaged.
     */
    public static MetricStore openForReading(final Path directory)
    {
        return openForReading(directory, ReadOnlyCopy.needed(directory, MAP_FILES));
    }

    /** As {@link #openForReading(Path)}; {@code throughCopy} reads a private copy (what a read-only store needs). */
    static MetricStore openForReading(final Path directory, final boolean throughCopy)
    {
        final StoreManifest.Content content = StoreManifest.read(directory);
        if (content == StoreManifest.Content.NONE)
        {
            throw new IllegalArgumentException("no store in " + directory + ": " + AGGREGATES_FILE + " is missing");
        }
        checkFiles(directory, content);
        final Path from = throughCopy ? ReadOnlyCopy.of(directory, MAP_FILES) : directory;
        final Maps maps = new Maps();
        try
        {
            maps.aggregates = MapFiles.open(aggregatesBuilder(1_000), from, AGGREGATES_FILE, MapFiles.Mode.EXISTING);
            maps.series = MapFiles.open(seriesBuilder(1_000), from, SERIES_FILE, MapFiles.Mode.EXISTING);
            maps.histograms = MapFiles.open(histogramsBuilder(1_000), from, HISTOGRAMS_FILE, MapFiles.Mode.EXISTING);
            if (content == StoreManifest.Content.LISTED)
            {
                maps.totals = MapFiles.open(totalsBuilder(1_000), from, TOTALS_FILE, MapFiles.Mode.EXISTING);
                maps.totalHistograms = MapFiles.open(totalHistogramsBuilder(1_000), from, TOTAL_HISTOGRAMS_FILE,
                    MapFiles.Mode.EXISTING);
            }
            else
            {
                maps.totals = maps.aggregates; // format 1: read where they are, moved by the next writing open
                maps.totalHistograms = maps.histograms;
            }
            checkSeriesIds(directory, maps.series, maps.aggregates, maps.totals);
            maps.samples = Files.exists(from.resolve(SAMPLES_FILE)) ?
                MapFiles.open(samplesBuilder(1_000), from, SAMPLES_FILE, MapFiles.Mode.EXISTING) :
                ChronicleMap.of(LongValue.class, ByteBuffer.class).entries(1).averageValueSize(16).create();
            maps.starts = SeriesStarts.exists(from) ? SeriesStarts.open(from, 1_000, MapFiles.Mode.EXISTING, false) : null;
            return new MetricStore(directory, maps, null, null, false, throughCopy ? from : null, null);
        }
        catch (final RuntimeException ex)
        {
            maps.close();
            if (throughCopy)
            {
                DirectoryTrees.delete(from);
            }
            throw ex;
        }
    }

    /**
     * Refuses a store with a missing, empty or foreign map file before any map is opened (the totals files of a store
     * of format 1 are not its own: left by a move cut short, which starts again).
     */
    private static void checkFiles(final Path directory, final StoreManifest.Content content)
    {
        if (content == StoreManifest.Content.UNLISTED &&
            (Files.exists(directory.resolve(TOTALS_FILE)) || Files.exists(directory.resolve(TOTAL_HISTOGRAMS_FILE))))
        {
            throw new StoreException(directory.resolve(StoreManifest.FILE), "missing: the store holds " + TOTALS_FILE +
                ", so it is of format " + StoreManifest.FORMAT_VERSION + " and needs its manifest (an engine would " +
                "take it for an older store and lose its running totals)" + MapFiles.RESTORE);
        }
        for (final String file : MAP_FILES)
        {
            if (required(content, file) ||
                Files.exists(directory.resolve(file)) && (content == StoreManifest.Content.LISTED || BUCKET_MAP_TOTALS_FILES.contains(file)))
            {
                MapFiles.check(directory.resolve(file));
            }
        }
    }

    /**
     * @return true when a store with {@code content} must have {@code file}: every map of its format but
     *         series-starts.dat (derived from the aggregates: a writer rebuilds it, a reader reads unbounded), the
     *         first three maps of a store from before the manifest.
     */
    private static boolean required(final StoreManifest.Content content, final String file)
    {
        return switch (content)
        {
            case NONE -> false;
            case UNLISTED -> REQUIRED_FILES.contains(file);
            case LISTED_BUCKET_MAP_TOTALS -> BUCKET_MAP_TOTALS_FILES.contains(file) && !SeriesStarts.FILE.equals(file);
            case LISTED -> !SeriesStarts.FILE.equals(file);
        };
    }

    private static MapFiles.Mode mode(
        final Path directory, final StoreManifest.Content content, final String file, final boolean unclean)
    {
        if (!required(content, file) && !Files.exists(directory.resolve(file)))
        {
            return MapFiles.Mode.CREATE;
        }
        return unclean ? MapFiles.Mode.RECOVER : MapFiles.Mode.EXISTING;
    }

    /**
     * Refuses a series map that does not name every series the aggregates and totals hold (a truncated, replaced or
     * foreign series.dat would give their buckets to whichever series registers under those ids next). One scan of
     * each map.
     *
     * @return the running totals found in the bucket map {@code aggregates} (a store of format 1, or a move cut
     *         short after the manifest was written).
     */
    private static long checkSeriesIds(final Path directory, final ChronicleMap<String, Integer> series,
        final ChronicleMap<LongValue, BucketAggregate> aggregates, final ChronicleMap<LongValue, BucketAggregate> totals)
    {
        final BitSet named = new BitSet();
        series.forEachEntry(entry ->
        {
            final int id = entry.value().get();
            if (id >= 0)
            {
                named.set(id);
            }
        });
        final long[] unknown = { -1 };
        final long[] bucketMapTotals = { 0 };
        aggregates.forEachEntry(entry ->
        {
            final long key = entry.key().get().getValue();
            final int id = BucketKey.seriesId(key);
            if (unknown[0] < 0 && !named.get(id))
            {
                unknown[0] = id;
            }
            if (BucketKey.isTotals(key))
            {
                bucketMapTotals[0]++;
            }
        });
        final String holder = unknown[0] >= 0 || totals == aggregates ? AGGREGATES_FILE : TOTALS_FILE;
        if (totals != aggregates)
        {
            totals.forEachEntry(entry ->
            {
                final int id = BucketKey.seriesId(entry.key().get().getValue());
                if (unknown[0] < 0 && !named.get(id))
                {
                    unknown[0] = id;
                }
            });
        }
        if (unknown[0] >= 0)
        {
            throw new StoreException(directory.resolve(SERIES_FILE), "does not name series id " + unknown[0] +
                ", which " + holder + " holds buckets of: the series map is damaged or belongs to another store" +
                MapFiles.RESTORE);
        }
        return bucketMapTotals[0];
    }

    private static void recordStarts(final ChronicleMap<LongValue, BucketAggregate> aggregates, final SeriesStarts starts)
    {
        aggregates.forEachEntry(entry ->
        {
            final long key = entry.key().get().getValue();
            if (entry.value().get().getCount() > 0 && !BucketKey.isTotals(key))
            {
                starts.record(BucketKey.seriesId(key), BucketKey.bucketStartSec(key));
            }
        });
    }

    static ChronicleMapBuilder<LongValue, BucketAggregate> aggregatesBuilder(final long entries)
    {
        return aggregateMap("aggregates", entries);
    }

    static ChronicleMapBuilder<LongValue, ByteBuffer> histogramsBuilder(final long entries)
    {
        return byteValueMap("histograms", entries, StoreCapacity.HISTOGRAM_VALUE_BYTES);
    }

    static ChronicleMapBuilder<LongValue, BucketAggregate> totalsBuilder(final long entries)
    {
        return aggregateMap("totals", entries);
    }

    static ChronicleMapBuilder<LongValue, ByteBuffer> totalHistogramsBuilder(final long entries)
    {
        return byteValueMap("totals-histograms", entries, StoreCapacity.TOTAL_HISTOGRAM_VALUE_BYTES);
    }

    static ChronicleMapBuilder<LongValue, ByteBuffer> samplesBuilder(final long entries)
    {
        return byteValueMap("samples", entries, 2048);
    }

    /** A map of fixed-size aggregates by bucket key. */
    private static ChronicleMapBuilder<LongValue, BucketAggregate> aggregateMap(final String name, final long entries)
    {
        return ChronicleMap.of(LongValue.class, BucketAggregate.class)
            .skipCloseOnExitHook(true) // closed by the engine after its last commit, not by a racing JVM hook
            .name(name).entries(entries).putReturnsNull(true).removeReturnsNull(true).checksumEntries(false);
    }

    /** A map of variable-size byte values by bucket key, laid out for {@code averageBytes} and growing 8x. */
    private static ChronicleMapBuilder<LongValue, ByteBuffer> byteValueMap(
        final String name, final long entries, final int averageBytes)
    {
        return ChronicleMap.of(LongValue.class, ByteBuffer.class)
            .skipCloseOnExitHook(true) // closed by the engine after its last commit, not by a racing JVM hook
            .name(name).entries(entries).averageValueSize(averageBytes).maxBloatFactor(StoreCapacity.GROWTH)
            .putReturnsNull(true).removeReturnsNull(true).checksumEntries(false);
    }

    static ChronicleMapBuilder<String, Integer> seriesBuilder(final int maxSeries)
    {
        return ChronicleMap.of(String.class, Integer.class)
            .skipCloseOnExitHook(true) // closed by the engine after its last commit, not by a racing JVM hook
            .name("series").entries(maxSeries).averageKeySize(64).checksumEntries(false);
    }

    private static void closeQuietly(final Closeable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final IOException | RuntimeException ignore)
        {
            // already failing: the first error is the one reported
        }
    }

    private static void deleteQuietly(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignore)
        {
            // already failing: the first error is the one reported
        }
    }

    /** The maps being opened: closed together when the open fails half way. Not thread-safe: the opening thread. */
    private static final class Maps
    {
        ChronicleMap<LongValue, BucketAggregate> aggregates;
        ChronicleMap<LongValue, ByteBuffer> histograms;
        ChronicleMap<String, Integer> series;
        ChronicleMap<LongValue, ByteBuffer> samples;
        ChronicleMap<LongValue, BucketAggregate> totals;
        ChronicleMap<LongValue, ByteBuffer> totalHistograms;
        SeriesStarts starts;

        void close()
        {
            // a store of format 1 read as it is gives the bucket maps twice: each is closed once
            final Set<Closeable> open = Collections.newSetFromMap(new IdentityHashMap<>());
            for (final Closeable map : new Closeable[]{ aggregates, histograms, series, samples, totals, totalHistograms })
            {
                if (map != null && open.add(map))
                {
                    closeQuietly(map);
                }
            }
            if (starts != null)
            {
                starts.close();
            }
        }
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
        return new AggregateWriter(aggregates, totalsCache, starts, writeFailures);
    }

    /** @return a writer of histograms with its own reusable buffers; use from one thread only. */
    public HistogramWriter newHistogramWriter()
    {
        return new HistogramWriter(histograms, writeFailures);
    }

    /** @return a writer of exact samples with its own reusable buffers; use from one thread only. */
    public SampleWriter newSampleWriter()
    {
        return new SampleWriter(samples, writeFailures);
    }

    /** @return a reader over the maps with its own reusable buffers; use from one thread only. */
    public StoreReader newReader()
    {
        return new StoreReader(aggregates, histograms, samples, starts, totalsCache);
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
        final LongPredicate expired = key ->
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
        aggregates.buckets().forEachEntry(entry ->
        {
            if (expired.test(entry.key().get().getValue()))
            {
                entry.doRemove();
                removed[0]++;
            }
        });
        for (final ChronicleMap<LongValue, ByteBuffer> map : List.of(histograms.buckets(), samples))
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
        return aggregates.buckets().offHeapMemoryUsed() + histograms.buckets().offHeapMemoryUsed() +
            (aggregates.separate() ? aggregates.totals().offHeapMemoryUsed() + histograms.totals().offHeapMemoryUsed() : 0) +
            series.offHeapMemoryUsed() + samples.offHeapMemoryUsed() + (starts == null ? 0 : starts.map().offHeapMemoryUsed());
    }

    /** @return writes the store refused since it was opened (a full map): thread-safe, volatile read. */
    public long writeFailures()
    {
        return writeFailures.count();
    }

    /**
     * @return true when the store records writes it refused (in this or an earlier run, {@value
     *         StoreWriteFailures#FILE}): buckets may lack their histogram or samples. A file-system check.
     */
    public boolean lostWrites()
    {
        return StoreWriteFailures.recorded(directory);
    }

    /**
     * @return the earliest bucket start (epoch seconds) whose aggregate the store refused to write (a full
     *         aggregates.dat), in this run or an earlier one, or {@link StoreWriteFailures#NOTHING_LOST}: answers over
     *         a range that reaches it would miss buckets. Read at open and kept up to date by this process's writer.
     */
    public long aggregatesLostFromSec()
    {
        return writeFailures.aggregatesLostFromSec();
    }

    /** @return buckets stored in the aggregate map (running totals are not buckets: a store of format 1 counts them). */
    public long aggregateBuckets()
    {
        return aggregates.buckets().longSize();
    }

    /** Closes the maps and removes the lock file: the next open is a clean one. */
    @Override
    public void close()
    {
        aggregates.buckets().close();
        histograms.buckets().close();
        if (aggregates.separate())
        {
            aggregates.totals().close();
            histograms.totals().close();
        }
        series.close();
        samples.close();
        if (starts != null)
        {
            starts.close();
        }
        if (copy != null)
        {
            DirectoryTrees.delete(copy);
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

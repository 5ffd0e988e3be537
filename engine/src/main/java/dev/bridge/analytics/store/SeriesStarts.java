package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code series-starts.dat}: series id -> start (epoch seconds) of the earliest raw bucket that ever held data of the
 * series. Range reads start there instead of at the range's start: {@code ALL} is 30 days of hourly buckets by
 * default, and a store holding one day of them would otherwise be probed 720 times per series. A series without
 * an entry has no data. The value is a lower bound: retention may since have removed that bucket.
 * <p>
 * The writer records a start before it writes the bucket (so a reader that sees a bucket also sees its start),
 * and only when it is earlier than the one known, which it caches: one map write per series, then one array read
 * per commit. In the writer's process (the only one that writes the file) that cache is complete, so readers there
 * answer from it without a map read (a scrape of 10,000 series saves 10,000 lookups); a store opened for reading
 * (another process may be writing it) reads the map. Thread-safety: {@link #record} from the single aggregate-writer
 * thread, which publishes each cached start (release) before it writes the map and the bucket; {@link #firstBucketSec}
 * from any thread with its own key and value instances (acquire).
 */
final class SeriesStarts
{
    static final String FILE = "series-starts.dat";
    /** The first version of the file (int keys), written by builds of 2026-11-28 before 16ea4d6: replaced. */
    static final String FIRST_VERSION_FILE = "starts.dat";
    /** Answer of {@link #firstBucketSec} for a series without data. */
    static final long NONE = Long.MAX_VALUE;

    private static final VarHandle KNOWN = MethodHandles.arrayElementVarHandle(long[].class);

    private final ChronicleMap<LongValue, LongValue> map;
    private final long[] known;
    /** True in the writer's process: {@link #known} holds every start, readers answer from it. */
    private final boolean knownComplete;
    private final LongValue writeKey = Values.newHeapInstance(LongValue.class);
    private final LongValue writeValue = Values.newHeapInstance(LongValue.class);

    private SeriesStarts(final ChronicleMap<LongValue, LongValue> map, final int maxSeries, final boolean knownComplete)
    {
        this.map = map;
        this.knownComplete = knownComplete;
        this.known = new long[maxSeries];
        Arrays.fill(known, NONE);
        map.forEachEntry(entry ->
        {
            final long id = entry.key().get().getValue();
            if (id >= 0 && id < known.length)
            {
                known[(int)id] = entry.value().get().getValue();
            }
        });
    }

    /** @return true when {@code dir} holds a starts file (stores written before it existed do not). */
    static boolean exists(final Path dir)
    {
        return dir.resolve(FILE).toFile().isFile();
    }

    /**
     * @param writer true when this process writes the store (it holds {@code engine.lock}): the cache answers reads;
     *               false for a store opened for reading, which another process may be writing.
     */
    static SeriesStarts open(final Path dir, final int maxSeries, final MapFiles.Mode mode, final boolean writer)
    {
        final var builder = ChronicleMap.of(LongValue.class, LongValue.class)
            .skipCloseOnExitHook(true) // closed by the engine after its last commit, not by a racing JVM hook
            .name("starts").entries(Math.max(1_000, maxSeries)).putReturnsNull(true).checksumEntries(false);
        return new SeriesStarts(MapFiles.open(builder, dir, FILE, mode), maxSeries, writer);
    }

    /** Records that {@code seriesId} has data in the raw bucket starting at {@code bucketStartSec}. Writer only. */
    void record(final int seriesId, final long bucketStartSec)
    {
        if (seriesId < known.length)
        {
            if (bucketStartSec >= known[seriesId])
            {
                return;
            }
            // published before the map and the bucket are written: a reader that sees the bucket sees its start
            KNOWN.setRelease(known, seriesId, bucketStartSec);
        }
        writeKey.setValue(seriesId);
        if (seriesId >= known.length && map.getUsing(writeKey, writeValue) != null &&
            writeValue.getValue() <= bucketStartSec)
        {
            return; // an id past the cache (not expected: ids stay below max_series) reads the map instead
        }
        writeValue.setValue(bucketStartSec);
        map.put(writeKey, writeValue);
    }

    /** @return the earliest raw bucket start of {@code seriesId} with data, {@link #NONE} when it has none. */
    long firstBucketSec(final int seriesId, final LongValue key, final LongValue value)
    {
        if (knownComplete && seriesId >= 0 && seriesId < known.length)
        {
            return (long)KNOWN.getAcquire(known, seriesId);
        }
        key.setValue(seriesId);
        return map.getUsing(key, value) == null ? NONE : value.getValue();
    }

    ChronicleMap<LongValue, LongValue> map()
    {
        return map;
    }

    void close()
    {
        map.close();
    }
}

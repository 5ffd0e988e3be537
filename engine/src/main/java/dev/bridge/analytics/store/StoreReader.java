package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.values.Values;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongPredicate;

/**
 * Reads aggregates and histograms. Each read copies the entry under the segment read lock, so it is never torn.
 * Not thread-safe: one thread per instance (the maps themselves may be shared by any number of readers).
 */
public final class StoreReader
{
    private final RoutedMaps<BucketAggregate> aggregates;
    private final RoutedMaps<ByteBuffer> histograms;
    private final ChronicleMap<LongValue, ByteBuffer> samples;
    private final SeriesStarts starts;
    /** The writer's process's copy of the totals, read instead of the map; null in a store opened for reading. */
    private final TotalsCache totalsCache;
    private final LongValue key = MetricStore.newKey();
    private LongValue startKey;
    private LongValue startValue;
    private ByteBuffer scratch;
    private BucketAggregate aggregateScratch;

    StoreReader(
        final RoutedMaps<BucketAggregate> aggregates, final RoutedMaps<ByteBuffer> histograms,
        final ChronicleMap<LongValue, ByteBuffer> samples, final SeriesStarts starts, final TotalsCache totalsCache)
    {
        this.totalsCache = totalsCache;
        this.aggregates = aggregates;
        this.histograms = histograms;
        this.samples = samples;
        this.starts = starts;
    }

    /**
     * @return the start (epoch seconds) of the earliest raw bucket of {@code seriesId} that held data, a lower
     *         bound of every bucket of the series at any resolution (a rollup bucket starts at or before the raw
     *         buckets it sums): {@link #NO_DATA} when the series has none, 0 when the store does not keep starts.
     */
    public long earliestDataSec(final int seriesId)
    {
        if (starts == null)
        {
            return 0L;
        }
        if (startKey == null)
        {
            startKey = Values.newHeapInstance(LongValue.class);
            startValue = Values.newHeapInstance(LongValue.class);
        }
        return starts.firstBucketSec(seriesId, startKey, startValue);
    }

    /**
     * @return a heap aggregate owned by this reader, to read aggregates into ({@link #readAggregate}): created once
     *         (Chronicle creates value instances reflectively, which costs more than the read).
     */
    public BucketAggregate aggregateScratch()
    {
        if (aggregateScratch == null)
        {
            aggregateScratch = Values.newHeapInstance(BucketAggregate.class);
        }
        return aggregateScratch;
    }

    /** What {@link #earliestDataSec} answers for a series without data. */
    public static final long NO_DATA = SeriesStarts.NONE;

    /**
     * @return the exact samples of a raw bucket when the bucket kept all its values, an empty array when it has
     *         none stored, or null when it had more values than its window (it cannot answer exactly). Allocates.
     */
    public long[] readSamples(final long bucketKey)
    {
        key.setValue(bucketKey);
        final ByteBuffer stored = samples.get(key);
        if (stored == null)
        {
            return new long[0];
        }
        stored.order(ByteOrder.BIG_ENDIAN);
        final long total = stored.getLong(0);
        final int kept = (stored.limit() - Long.BYTES) / Long.BYTES;
        if (total != kept)
        {
            return null;
        }
        final long[] values = new long[kept];
        for (int i = 0; i < kept; i++)
        {
            values[i] = stored.getLong(Long.BYTES * (i + 1));
        }
        return values;
    }

    /**
     * @return the stored exact samples of a raw bucket as stored: the number of values the bucket saw and the values
     *         kept (all of them when {@link StoredSamples#complete()}, none otherwise); null when the bucket has no
     *         samples entry. Allocates (snapshots, not queries).
     */
    public StoredSamples readStoredSamples(final long bucketKey)
    {
        key.setValue(bucketKey);
        final ByteBuffer stored = samples.get(key);
        if (stored == null)
        {
            return null;
        }
        stored.order(ByteOrder.BIG_ENDIAN);
        final int kept = (stored.limit() - Long.BYTES) / Long.BYTES;
        final long[] values = new long[kept];
        for (int i = 0; i < kept; i++)
        {
            values[i] = stored.getLong(Long.BYTES * (i + 1));
        }
        return new StoredSamples(stored.getLong(0), values);
    }

    /**
     * @return a heap copy of the stored HdrHistogram V2 encoding of {@code bucketKey} (big-endian, position 0, limit
     *         its length), or null when the bucket has no histogram. Allocates (snapshots, not queries).
     */
    public ByteBuffer readHistogramEncoding(final long bucketKey)
    {
        key.setValue(bucketKey);
        final ByteBuffer stored = histograms.of(bucketKey).get(key);
        return stored == null ? null : stored.order(ByteOrder.BIG_ENDIAN);
    }

    /**
     * Copies the aggregate of {@code bucketKey} into {@code into}; returns false when the bucket is absent. In the
     * writer's process a series' totals are read from its copy of them ({@link TotalsCache}), not the map.
     */
    public boolean readAggregate(final long bucketKey, final BucketAggregate into)
    {
        final int cached = totalsCache == null ? -1 : totalsCache.recordOf(bucketKey);
        if (cached >= 0)
        {
            return totalsCache.read(cached, into);
        }
        key.setValue(bucketKey);
        return aggregates.of(bucketKey).getUsing(key, into) != null;
    }

    /**
     * Calls {@code visitor} with every aggregate of the bucket map whose key passes {@code keyFilter}: the buckets,
     * and the running totals ({@link BucketKey#totals}) only in a store of format 1 (or left by a move cut short), so
     * filter by resolution. One scan of the map.
     */
    public void forEachAggregate(final LongPredicate keyFilter, final AggregateVisitor visitor)
    {
        aggregates.buckets().forEachEntry(entry ->
        {
            final long k = entry.key().get().getValue();
            if (keyFilter.test(k))
            {
                visitor.onAggregate(k, entry.value().get());
            }
        });
    }

    /**
     * Adds the stored histogram of {@code bucketKey} to {@code merger} without decoding it into a histogram of
     * its own: the encoding is copied in one bulk read under the segment read lock.
     *
     * @return false when the bucket has no histogram.
     */
    public boolean addHistogramTo(final long bucketKey, final EncodedHistogramMerger merger)
    {
        final ByteBuffer encoding = readHistogramScratch(bucketKey);
        if (encoding == null)
        {
            return false;
        }
        merger.add(encoding);
        return true;
    }

    /**
     * Copies the stored HdrHistogram V2 encoding of {@code bucketKey} into this reader's scratch buffer in one bulk
     * read under the segment read lock (allocates only when the scratch must grow).
     *
     * @return the scratch buffer holding the encoding (heap, big-endian, position 0, limit its length), valid until
     *         this reader's next histogram read; null when the bucket has no histogram.
     */
    public ByteBuffer readHistogramScratch(final long bucketKey)
    {
        key.setValue(bucketKey);
        try (ExternalMapQueryContext<LongValue, ByteBuffer, ?> context = histograms.of(bucketKey).queryContext(key))
        {
            final MapEntry<LongValue, ByteBuffer> entry = context.entry();
            if (entry == null)
            {
                return null;
            }
            final Data<ByteBuffer> value = entry.value();
            final int size = (int)value.size();
            if (scratch == null || scratch.capacity() < size)
            {
                scratch = ByteBuffer.allocate(Math.max(16 * 1024, size)).order(ByteOrder.BIG_ENDIAN);
            }
            value.bytes().read(value.offset(), scratch.array(), 0, size);
            scratch.clear().limit(size);
        }
        return scratch;
    }

    /** Receives stored aggregates; the aggregate instance is only valid during the call. */
    @FunctionalInterface
    public interface AggregateVisitor
    {
        void onAggregate(long bucketKey, BucketAggregate aggregate);
    }
}

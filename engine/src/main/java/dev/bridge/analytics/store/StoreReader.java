package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongPredicate;

/**
 * Reads aggregates and histograms. Each read copies the entry under the segment read lock, so it is never torn.
 * Not thread-safe: one thread per instance (the maps themselves may be shared by any number of readers).
 */
public final class StoreReader
{
    private final ChronicleMap<LongValue, BucketAggregate> aggregates;
    private final ChronicleMap<LongValue, ByteBuffer> histograms;
    private final ChronicleMap<LongValue, ByteBuffer> samples;
    private final LongValue key = MetricStore.newKey();
    private ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);

    StoreReader(
        final ChronicleMap<LongValue, BucketAggregate> aggregates, final ChronicleMap<LongValue, ByteBuffer> histograms,
        final ChronicleMap<LongValue, ByteBuffer> samples)
    {
        this.aggregates = aggregates;
        this.histograms = histograms;
        this.samples = samples;
    }

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

    /** Copies the aggregate of {@code bucketKey} into {@code into}; returns false when the bucket is absent. */
    public boolean readAggregate(final long bucketKey, final BucketAggregate into)
    {
        key.setValue(bucketKey);
        return aggregates.getUsing(key, into) != null;
    }

    /** Calls {@code visitor} with every stored aggregate whose key passes {@code keyFilter}. */
    public void forEachAggregate(final LongPredicate keyFilter, final AggregateVisitor visitor)
    {
        aggregates.forEachEntry(entry ->
        {
            final long k = entry.key().get().getValue();
            if (keyFilter.test(k))
            {
                visitor.onAggregate(k, entry.value().get());
            }
        });
    }

    /** @return true when the store holds a histogram for {@code bucketKey}. */
    public boolean containsHistogram(final long bucketKey)
    {
        key.setValue(bucketKey);
        return histograms.containsKey(key);
    }

    /**
     * Adds the stored histogram of {@code bucketKey} into {@code target} without decoding it into a histogram of
     * its own (see {@link EncodedHistogramMerger}).
     *
     * @return false when the bucket has no histogram.
     */
    public boolean addHistogramTo(final long bucketKey, final org.HdrHistogram.AbstractHistogram target)
    {
        key.setValue(bucketKey);
        final ByteBuffer stored = histograms.getUsing(key, scratch);
        if (stored == null)
        {
            return false;
        }
        scratch = stored; // Chronicle reuses a buffer that is large enough, else returns a larger one: keep it
        EncodedHistogramMerger.addTo(target, stored.order(ByteOrder.BIG_ENDIAN));
        return true;
    }

    /** @return the decoded histogram of {@code bucketKey}, or null when absent. */
    public Histogram readHistogram(final long bucketKey, final long highestTrackableValue)
    {
        key.setValue(bucketKey);
        final ByteBuffer stored = histograms.get(key);
        return stored == null ? null : Histogram.decodeFromByteBuffer(stored.order(ByteOrder.BIG_ENDIAN), highestTrackableValue);
    }

    /** Receives stored aggregates; the aggregate instance is only valid during the call. */
    @FunctionalInterface
    public interface AggregateVisitor
    {
        void onAggregate(long bucketKey, BucketAggregate aggregate);
    }
}

package dev.bridge.analytics.store;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a bucket's HdrHistogram into the store in HdrHistogram's V2 encoding (zero runs compressed, so a
 * sparse histogram takes a few hundred bytes). Allocation-free in steady state: the encoding goes into a reused
 * direct buffer that Chronicle copies from under the segment write lock. Not thread-safe: one thread per instance.
 */
public final class HistogramWriter
{
    private final ChronicleMap<LongValue, ByteBuffer> map;
    private final LongValue key = MetricStore.newKey();
    private ByteBuffer encoded;
    private BytesStore<?, ?> encodedBytes;

    HistogramWriter(final ChronicleMap<LongValue, ByteBuffer> map)
    {
        this.map = map;
        allocate(64 * 1024);
    }

    private void allocate(final int capacity)
    {
        encoded = ByteBuffer.allocateDirect(capacity);
        encodedBytes = BytesStore.wrap(encoded);
        encoded.order(ByteOrder.BIG_ENDIAN); // after wrap: BytesStore.wrap switches the buffer to native order
    }

    /** Replaces the bucket's histogram with {@code histogram}. */
    public void write(final long bucketKey, final AbstractHistogram histogram)
    {
        final int capacity = histogram.getNeededByteBufferCapacity();
        if (capacity > encoded.capacity())
        {
            allocate(capacity);
        }
        encoded.clear();
        final int length = histogram.encodeIntoByteBuffer(encoded);
        key.setValue(bucketKey);
        try (ExternalMapQueryContext<LongValue, ByteBuffer, ?> context = map.queryContext(key))
        {
            context.updateLock().lock();
            final MapEntry<LongValue, ByteBuffer> entry = context.entry();
            final Data<ByteBuffer> data = context.wrapValueBytesAsData(encodedBytes, 0, length);
            if (entry != null)
            {
                context.replaceValue(entry, data);
            }
            else
            {
                context.insert(context.absentEntry(), data);
            }
        }
    }

    /** Removes a bucket's histogram (absent is fine). Allocation-free. */
    public void remove(final long bucketKey)
    {
        key.setValue(bucketKey);
        map.remove(key);
    }

    /**
     * Adds one value to a stored bucket histogram (a late event): decode, add, write. Allocates; slow path only.
     */
    public void merge(final long bucketKey, final long value, final long lowest, final long highest, final int digits)
    {
        key.setValue(bucketKey);
        final ByteBuffer stored = map.get(key);
        final Histogram target = new Histogram(lowest, highest, digits);
        if (stored != null)
        {
            target.add(Histogram.decodeFromByteBuffer(stored.order(ByteOrder.BIG_ENDIAN), highest));
        }
        target.recordValue(value);
        write(bucketKey, target);
    }
}

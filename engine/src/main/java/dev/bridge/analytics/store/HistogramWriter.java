package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;

/**
 * Writes a bucket's HdrHistogram into the store in HdrHistogram's V2 encoding (zero runs compressed, so a
 * sparse histogram takes a few hundred bytes). Allocation-free in steady state. Not thread-safe: one thread.
 */
public final class HistogramWriter
{
    private final ByteValueWriter writer;

    HistogramWriter(final ChronicleMap<LongValue, ByteBuffer> map, final StoreWriteFailures failures)
    {
        this.writer = new ByteValueWriter(map, MetricStore.HISTOGRAMS_FILE, failures, 64 * 1024);
    }

    /** Replaces the bucket's histogram with {@code histogram}. */
    public void write(final long bucketKey, final AbstractHistogram histogram)
    {
        final ByteBuffer buffer = writer.buffer(histogram.getNeededByteBufferCapacity());
        writer.write(bucketKey, histogram.encodeIntoByteBuffer(buffer));
    }

    /**
     * Adds one value to a stored bucket histogram (a late event): decode, add, write; a value above {@code highest}
     * is recorded as {@code highest}. Allocates; slow path only.
     */
    public void merge(final long bucketKey, final long value, final long lowest, final long highest, final int digits)
    {
        final ByteBuffer stored = writer.read(bucketKey);
        final Histogram target = new Histogram(lowest, highest, digits);
        if (stored != null)
        {
            target.add(Histogram.decodeFromByteBuffer(stored, highest));
        }
        target.recordValue(Math.min(value, highest));
        write(bucketKey, target);
    }

    /** Removes a bucket's histogram (absent is fine). Allocation-free. */
    public void remove(final long bucketKey)
    {
        writer.remove(bucketKey);
    }
}

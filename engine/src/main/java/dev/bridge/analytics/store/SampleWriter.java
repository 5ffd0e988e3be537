package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;

import java.nio.ByteBuffer;

/**
 * Writes a raw bucket's exact samples: {@code [long total][long sample]...}, big-endian. When the bucket had more
 * values than the window, only the total is written (the bucket cannot answer exactly). Allocation-free in steady
 * state. Not thread-safe: one thread per instance.
 */
public final class SampleWriter
{
    private final ByteValueWriter writer;

    SampleWriter(final ChronicleMap<LongValue, ByteBuffer> map, final StoreWriteFailures failures)
    {
        this.writer = new ByteValueWriter(map, MetricStore.SAMPLES_FILE, failures, 8 * 1024);
    }

    /** Replaces the bucket's samples: {@code total} values seen, the first {@code kept} of them in {@code samples}. */
    public void write(final long bucketKey, final long total, final long[] samples, final int kept)
    {
        final int written = total == kept ? kept : 0;
        final ByteBuffer buffer = writer.buffer(Long.BYTES * (1 + written));
        buffer.putLong(total);
        for (int i = 0; i < written; i++)
        {
            buffer.putLong(samples[i]);
        }
        writer.write(bucketKey, buffer.position());
    }

    /** @return the stored value of a bucket (total then samples), or null; allocates. */
    public ByteBuffer read(final long bucketKey)
    {
        return writer.read(bucketKey);
    }

    /** Removes a bucket's samples (absent is fine). Allocation-free. */
    public void remove(final long bucketKey)
    {
        writer.remove(bucketKey);
    }
}

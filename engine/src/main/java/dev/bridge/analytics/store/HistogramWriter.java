package dev.bridge.analytics.store;

import org.HdrHistogram.AbstractHistogram;

import java.nio.ByteBuffer;

/**
 * Writes a bucket's HdrHistogram into the store in HdrHistogram's V2 encoding (zero runs compressed, so a
 * sparse histogram takes a few hundred bytes). Allocation-free in steady state. Not thread-safe: one thread.
 */
public final class HistogramWriter
{
    private final ByteValueWriter buckets;
    private final ByteValueWriter totals;

    HistogramWriter(final RoutedMaps<ByteBuffer> maps, final StoreWriteFailures failures)
    {
        this.buckets = new ByteValueWriter(maps.buckets(), MetricStore.HISTOGRAMS_FILE, failures, 64 * 1024);
        this.totals = new ByteValueWriter(maps.totals(), MetricStore.TOTAL_HISTOGRAMS_FILE, failures, 64 * 1024);
    }

    private ByteValueWriter writer(final long bucketKey)
    {
        return BucketKey.isTotals(bucketKey) ? totals : buckets;
    }

    /** Replaces the bucket's histogram with {@code histogram}. */
    public void write(final long bucketKey, final AbstractHistogram histogram)
    {
        final ByteValueWriter writer = writer(bucketKey);
        final ByteBuffer buffer = writer.buffer(histogram.getNeededByteBufferCapacity());
        writer.write(bucketKey, histogram.encodeIntoByteBuffer(buffer));
    }

    /**
     * Replaces the bucket's encoding with what {@code rewrite} computes from the encoding it holds, under the
     * segment's update lock (one step for every other reader and writer of that bucket). Allocation-free in steady
     * state (the read buffer grows to the largest encoding seen).
     *
     * @throws StoreException when the map refuses the write (full): counted in the store's write failures; the
     *                        bucket keeps what it held.
     */
    public void rewrite(final long bucketKey, final EncodingRewrite rewrite)
    {
        writer(bucketKey).rewrite(bucketKey, rewrite);
    }

    /** Removes a bucket's histogram (absent is fine). Allocation-free. */
    public void remove(final long bucketKey)
    {
        writer(bucketKey).remove(bucketKey);
    }
}

package dev.bridge.analytics.store;

import java.nio.ByteBuffer;

/**
 * Computes a bucket's new stored histogram encoding from the one it holds, for
 * {@link HistogramWriter#rewrite(long, EncodingRewrite)}: called under the map segment's update lock, so the read and
 * the write are one step for other writers and readers. Implementations are not thread-safe: one writer thread.
 */
@FunctionalInterface
public interface EncodingRewrite
{
    /**
     * @param stored the encoding the bucket holds (HdrHistogram V2, big-endian, from position 0 to its limit; a heap
     *               buffer valid during the call), or null when the bucket holds none.
     * @return the new encoding from position 0 to its limit (read before the next call).
     */
    ByteBuffer rewrite(ByteBuffer stored);
}

package dev.bridge.analytics.ingest.statsd;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * A 64-bit hash of byte ranges, eight bytes per step (a multiply-xorshift mix, as in wyhash and xxHash's finaliser):
 * the key of {@link NameCache}. Not for security: a collision only costs a byte comparison. Stateless, thread-safe,
 * allocation-free.
 */
final class NameHash
{
    static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long M1 = 0xBF58476D1CE4E5B9L;
    private static final long M2 = 0x94D049BB133111EBL;

    private NameHash()
    {
    }

    /** @return {@code seed} mixed with the bytes of {@code [offset, offset + length)}. */
    static long hash(final DirectBuffer buffer, final int offset, final int length, final long seed)
    {
        long h = seed ^ (length * M2);
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            h = mix(h ^ buffer.getLong(offset + i, ByteOrder.LITTLE_ENDIAN));
        }
        if (i < length)
        {
            long tail = 0;
            for (int shift = 0; i < length; i++, shift += 8)
            {
                tail |= (buffer.getByte(offset + i) & 0xFFL) << shift;
            }
            h = mix(h ^ tail);
        }
        return h;
    }

    /** @return {@code h} mixed with one more value. */
    static long mix(final long h)
    {
        long z = h * M1;
        z = (z ^ (z >>> 31)) * M2;
        return z ^ (z >>> 29);
    }
}

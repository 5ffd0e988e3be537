package dev.bridge.analytics.ingest.statsd;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * What each (name segment, type, DogStatsD tags) of a line resolved to: an open-addressing table from the key's
 * 64-bit {@link NameHash} to an entry, whose key bytes are kept in an arena and compared on every hit, so a hash
 * collision never mixes two names up. A hit reads primitive arrays and returns the stored target: no allocation.
 * An insert (the resolution path) copies the key bytes and may grow the arena. At most {@code maxEntries} keys;
 * {@link #put} refuses more (the caller resolves such keys every time).
 * <p>
 * Not thread-safe: owned by the receiving thread.
 */
final class NameCache
{
    private static final int EMPTY = -1;

    private final int maxEntries;
    private final int mask;
    private final long[] slotHashes;
    private final int[] slotEntries;
    private final StatsdTarget[] targets;
    private final int[] keyOffsets;
    private final int[] nameLengths;
    private final int[] tagsLengths;
    private final byte[] types;
    private UnsafeBuffer arena = new UnsafeBuffer(new byte[4096]);
    private int arenaUsed;
    private int size;

    NameCache(final int maxEntries)
    {
        this.maxEntries = maxEntries;
        final int slots = BitUtil.findNextPositivePowerOfTwo(maxEntries * 2);
        mask = slots - 1;
        slotHashes = new long[slots];
        slotEntries = new int[slots];
        Arrays.fill(slotEntries, EMPTY);
        targets = new StatsdTarget[maxEntries];
        keyOffsets = new int[maxEntries];
        nameLengths = new int[maxEntries];
        tagsLengths = new int[maxEntries];
        types = new byte[maxEntries];
    }

    /** @return the hash of the line's key: name segment, type, tags. */
    static long hash(final StatsdLine line)
    {
        final DirectBuffer buffer = line.buffer;
        long h = NameHash.hash(buffer, line.nameOffset, line.nameLength, NameHash.SEED);
        h = NameHash.mix(h ^ line.type.ordinal());
        return NameHash.hash(buffer, line.tagsOffset, line.tagsLength, h);
    }

    /** @return the target stored for the line's key, or null. */
    StatsdTarget get(final StatsdLine line, final long hash)
    {
        int slot = (int)hash & mask;
        while (true)
        {
            final int entry = slotEntries[slot];
            if (entry == EMPTY)
            {
                return null;
            }
            if (slotHashes[slot] == hash && matches(entry, line))
            {
                return targets[entry];
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Stores {@code target} for the line's key (not present yet). @return false when the cache is full. */
    boolean put(final StatsdLine line, final long hash, final StatsdTarget target)
    {
        if (size == maxEntries)
        {
            return false;
        }
        final int entry = size++;
        final int keyLength = line.nameLength + line.tagsLength;
        if (arenaUsed + keyLength > arena.capacity())
        {
            final byte[] grown = Arrays.copyOf(arena.byteArray(), Math.max(arena.capacity() * 2, arenaUsed + keyLength));
            arena = new UnsafeBuffer(grown);
        }
        keyOffsets[entry] = arenaUsed;
        arena.putBytes(arenaUsed, line.buffer, line.nameOffset, line.nameLength);
        arena.putBytes(arenaUsed + line.nameLength, line.buffer, line.tagsOffset, line.tagsLength);
        arenaUsed += keyLength;
        nameLengths[entry] = line.nameLength;
        tagsLengths[entry] = line.tagsLength;
        types[entry] = (byte)line.type.ordinal();
        targets[entry] = target;
        int slot = (int)hash & mask;
        while (slotEntries[slot] != EMPTY)
        {
            slot = (slot + 1) & mask;
        }
        slotHashes[slot] = hash;
        slotEntries[slot] = entry;
        return true;
    }

    /** @return keys stored. */
    int size()
    {
        return size;
    }

    /** @return the most keys stored. */
    int maxEntries()
    {
        return maxEntries;
    }

    private boolean matches(final int entry, final StatsdLine line)
    {
        return nameLengths[entry] == line.nameLength && tagsLengths[entry] == line.tagsLength &&
            types[entry] == line.type.ordinal() &&
            equal(keyOffsets[entry], line.buffer, line.nameOffset, line.nameLength) &&
            equal(keyOffsets[entry] + line.nameLength, line.buffer, line.tagsOffset, line.tagsLength);
    }

    private boolean equal(final int arenaOffset, final DirectBuffer buffer, final int offset, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (arena.getLong(arenaOffset + i) != buffer.getLong(offset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (arena.getByte(arenaOffset + i) != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }
}

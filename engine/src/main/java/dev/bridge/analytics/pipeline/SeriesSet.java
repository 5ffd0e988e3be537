package dev.bridge.analytics.pipeline;

import java.util.Arrays;

/**
 * A set of series ids with insertion-order iteration and O(1) add/remove, over preallocated arrays.
 * Allocation-free. Not thread-safe: owned by one consumer stage.
 */
final class SeriesSet
{
    private final int[] members;
    private final int[] positions;
    private int size;

    SeriesSet(final int capacity)
    {
        members = new int[capacity];
        positions = new int[capacity];
        Arrays.fill(positions, -1);
    }

    boolean add(final int id)
    {
        if (positions[id] >= 0)
        {
            return false;
        }
        positions[id] = size;
        members[size++] = id;
        return true;
    }

    void remove(final int id)
    {
        final int at = positions[id];
        if (at < 0)
        {
            return;
        }
        final int last = members[--size];
        members[at] = last;
        positions[last] = at;
        positions[id] = -1;
    }

    boolean contains(final int id)
    {
        return positions[id] >= 0;
    }

    int size()
    {
        return size;
    }

    /** @return the member at {@code index}; removing other members while iterating reorders the tail. */
    int get(final int index)
    {
        return members[index];
    }

    void clear()
    {
        for (int i = 0; i < size; i++)
        {
            positions[members[i]] = -1;
        }
        size = 0;
    }
}

package dev.bridge.analytics.bench;

import java.util.Arrays;

/**
 * A pre-generated sequence of (series index, value) events that a producer walks in a loop, so that the timed
 * loop draws no random number and allocates nothing. The size is a power of two (the walk wraps with a mask).
 * <p>
 * Thread-safety: filled by one thread through {@link #append(int, long)} before the producers start, read-only
 * afterwards (safely published by {@link Thread#start()}).
 */
public final class WorkloadTable
{
    /** Default events per table: 65,536 (1.5 MB of arrays per producer, well inside L2+L3). */
    public static final int DEFAULT_SIZE = 1 << 16;

    private final int[] series;
    private final long[] values;
    private int size;

    /** @param capacity events; a power of two. */
    public WorkloadTable(final int capacity)
    {
        if (capacity <= 0 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("table capacity must be a power of two, was " + capacity);
        }
        series = new int[capacity];
        values = new long[capacity];
    }

    /** Appends an event; returns false (and changes nothing) when the table is full. */
    boolean append(final int seriesIndex, final long value)
    {
        if (size == series.length)
        {
            return false;
        }
        series[size] = seriesIndex;
        values[size] = value;
        size++;
        return true;
    }

    /** Overwrites the event at {@code position} (used to make sure every series appears at least once). */
    void set(final int position, final int seriesIndex, final long value)
    {
        series[position] = seriesIndex;
        values[position] = value;
    }

    /** @return true when every slot holds an event. */
    public boolean isFull()
    {
        return size == series.length;
    }

    /** @return the number of events (the capacity once full). */
    public int size()
    {
        return size;
    }

    /** @return size - 1, the mask of the wrapping walk (valid once full). */
    public int mask()
    {
        return series.length - 1;
    }

    /** @return the series index of each event (shared array: do not modify). */
    public int[] seriesIndexes()
    {
        return series;
    }

    /** @return the value of each event (shared array: do not modify). */
    public long[] values()
    {
        return values;
    }

    /** @return events per series index over one pass of the table. */
    public long[] countsPerSeries(final int seriesCount)
    {
        final long[] counts = new long[seriesCount];
        for (int i = 0; i < size; i++)
        {
            counts[series[i]]++;
        }
        return counts;
    }

    @Override
    public String toString()
    {
        return "WorkloadTable{size=" + size + ", first=" + Arrays.toString(Arrays.copyOf(series, Math.min(8, size))) + "}";
    }
}

package dev.bridge.analytics.series;

import dev.bridge.analytics.config.MetricType;

/**
 * What the consumer stages need per series id, in primitive arrays indexed by id. A slot is written once by the
 * registering thread before the series' handle is returned; the ring's publish/consume ordering makes it visible
 * to the consumer before any event of that series. Never shrinks; slots are never rewritten.
 */
public final class SeriesTable
{
    /** Kind value of a slot with no series. */
    public static final byte UNUSED = 0;
    public static final byte COUNTER = 1;
    public static final byte HISTOGRAM = 2;
    public static final byte GAUGE = 3;

    private final byte[] kinds;
    private final long[] minValues;
    private final long[] highests;
    private final SeriesInfo[] infos;

    public SeriesTable(final int capacity)
    {
        kinds = new byte[capacity];
        minValues = new long[capacity];
        highests = new long[capacity];
        infos = new SeriesInfo[capacity];
    }

    /** @return slots available. */
    public int capacity()
    {
        return kinds.length;
    }

    /** Fills the slot of {@code info.id()}; called once per series by the registry. */
    void put(final SeriesInfo info)
    {
        final int id = info.id();
        final MetricType type = info.metric().type();
        infos[id] = info;
        minValues[id] = info.metric().allowsNegative() ? Long.MIN_VALUE : 0L;
        highests[id] = type == MetricType.HISTOGRAM ? info.metric().histogram().highestTrackableValue() : Long.MAX_VALUE;
        kinds[id] = type == MetricType.COUNTER ? COUNTER : type == MetricType.HISTOGRAM ? HISTOGRAM : GAUGE;
    }

    /** @return the kind of the slot, {@link #UNUSED} for ids out of range or not registered. */
    public byte kind(final int id)
    {
        return id >= 0 && id < kinds.length ? kinds[id] : UNUSED;
    }

    /**
     * @return the smallest valid value of the series (0 unless the metric allows negatives). There is no largest:
     *         a histogram value above the metric's {@code highest} is kept (exact in count, sum and max, and in exact
     *         samples; clamped to {@code highest} in the HdrHistogram).
     */
    public long minValue(final int id)
    {
        return minValues[id];
    }

    /**
     * @return the histogram's {@code highest} (Long.MAX_VALUE for other kinds): larger values are valid, counted in
     *         {@code engine_values_above_highest}.
     */
    public long highest(final int id)
    {
        return highests[id];
    }

    /** @return the series of the slot, or null. */
    public SeriesInfo info(final int id)
    {
        return id >= 0 && id < infos.length ? infos[id] : null;
    }
}

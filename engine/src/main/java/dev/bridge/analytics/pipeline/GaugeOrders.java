package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.Sequence;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The order stamps of gauge series: one padded counter per gauge series (a Disruptor {@link Sequence}, created when
 * the first handle of the series is resolved), shared by every handle of the series. {@code GaugeHandle.set} takes
 * the next stamp (an atomic increment: contended only when several threads set the same gauge) and publishes it in
 * {@link MetricEvent#order}; the bucket stage keeps as the series' last value the value of the highest stamp seen,
 * so the last value is the last set in publish order across threads, whatever order the consumer drains the
 * threads' rings in. Thread-safe.
 */
public final class GaugeOrders
{
    private final AtomicReferenceArray<Sequence> cells;

    public GaugeOrders(final int seriesCapacity)
    {
        cells = new AtomicReferenceArray<>(seriesCapacity);
    }

    /** @return the stamp counter of {@code seriesId} (setup time: may allocate it once). */
    public Sequence cell(final int seriesId)
    {
        final Sequence existing = cells.get(seriesId);
        if (existing != null)
        {
            return existing;
        }
        final Sequence created = new Sequence(0);
        return cells.compareAndSet(seriesId, null, created) ? created : cells.get(seriesId);
    }
}

package dev.bridge.analytics.pipeline;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * The self-metric counters, in an Agrona {@link CountersManager} over off-heap buffers. Each counter has one
 * writer thread (the consumer) except {@link SelfMetric#EVENTS_DROPPED} (producers, atomic increment, only on the
 * drop path) and {@link SelfMetric#SERIES_OVERFLOWED} (registering threads). Reads are volatile and thread-safe.
 */
public final class EngineCounters implements AutoCloseable
{
    private final CountersManager manager;
    private final AtomicCounter[] byOrdinal;
    private final Map<SelfMetric, AtomicCounter> counters = new EnumMap<>(SelfMetric.class);
    /** Sources of the mirrored counters, by ordinal; set by the engine's start, read by the sampling thread. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<java.util.function.LongSupplier> mirrors =
        new java.util.concurrent.atomic.AtomicReferenceArray<>(SelfMetric.values().length);

    public EngineCounters()
    {
        final int count = SelfMetric.values().length;
        final UnsafeBuffer metadata = new UnsafeBuffer(ByteBuffer.allocateDirect(count * CountersManager.METADATA_LENGTH));
        final UnsafeBuffer values = new UnsafeBuffer(ByteBuffer.allocateDirect(count * CountersManager.COUNTER_LENGTH));
        manager = new CountersManager(metadata, values);
        for (final SelfMetric m : SelfMetric.values())
        {
            counters.put(m, manager.newCounter(m.metricName()));
        }
        byOrdinal = counters.values().toArray(new AtomicCounter[0]); // EnumMap iterates in ordinal order
    }

    /** @return the counter of {@code metric}. */
    public AtomicCounter counter(final SelfMetric metric)
    {
        return counters.get(metric);
    }

    /**
     * Makes {@code metric} a copy of a count another thread keeps: {@link #refreshMirrors()} (the sampling thread,
     * its single writer) sets it to {@code source}'s value. {@code source} must be thread-safe and allocation-free.
     */
    public void mirror(final SelfMetric metric, final java.util.function.LongSupplier source)
    {
        mirrors.set(metric.ordinal(), source);
    }

    /** Copies every mirrored count into its counter. Allocation-free; from the sampling thread only. */
    public void refreshMirrors()
    {
        for (int i = 0, n = mirrors.length(); i < n; i++)
        {
            final java.util.function.LongSupplier source = mirrors.get(i);
            if (source != null)
            {
                byOrdinal[i].setRelease(source.getAsLong());
            }
        }
    }

    /** @return the current value of {@code metric} (volatile read). */
    public long get(final SelfMetric metric)
    {
        return counters.get(metric).get();
    }

    @Override
    public void close()
    {
        counters.values().forEach(AtomicCounter::close);
    }
}

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
    private final Map<SelfMetric, AtomicCounter> counters = new EnumMap<>(SelfMetric.class);

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
    }

    /** @return the counter of {@code metric}. */
    public AtomicCounter counter(final SelfMetric metric)
    {
        return counters.get(metric);
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

package dev.bridge.analytics.pipeline;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one registry of the engine's self-metrics, in the manner of Aeron's {@code SystemCounters}: one Agrona
 * {@link AtomicCounter} per {@link SelfMetric} (the descriptor list: id, name, help, type), allocated here in one
 * {@link CountersManager} over off-heap buffers when the engine starts, and handed to each owner through its
 * constructor: the pipeline stages, the alert manager, the StatsD push and the remote-write exporter increment
 * their own counters directly. Reading a self-metric ({@code engine.selfMetric}, {@code /metrics}, the health
 * panel, the sampled {@code engine_*} series) reads this registry.
 * <p>
 * Writers: the consumer's counters have one writer each (ordered/release updates); those written by several threads
 * ({@link SelfMetric#EVENTS_DROPPED} by producers on the drop path, {@link SelfMetric#SERIES_OVERFLOWED} by
 * registering threads, the alert counts by the alert, webhook-sender and listener threads) use atomic increments,
 * exact under contention; the exporters' counters (one thread each, then the closing thread) use atomic increments
 * too, off the recording path. Thread-safe; reads are volatile; never blocks.
 */
public final class EngineCounters implements AutoCloseable
{
    private final Map<SelfMetric, AtomicCounter> counters = new EnumMap<>(SelfMetric.class);

    /** Allocates one zeroed counter per {@link SelfMetric}, labelled with its metric name. */
    public EngineCounters()
    {
        final int count = SelfMetric.values().length;
        final UnsafeBuffer metadata = new UnsafeBuffer(ByteBuffer.allocateDirect(count * CountersManager.METADATA_LENGTH));
        final UnsafeBuffer values = new UnsafeBuffer(ByteBuffer.allocateDirect(count * CountersManager.COUNTER_LENGTH));
        final CountersManager manager = new CountersManager(metadata, values);
        for (final SelfMetric m : SelfMetric.values())
        {
            counters.put(m, manager.newCounter(m.metricName()));
        }
    }

    /** @return the counter of {@code metric}, for its owner to update. */
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

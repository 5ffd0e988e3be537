package dev.bridge.analytics.bench.jmh;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import dev.bridge.analytics.pipeline.MetricEvent;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The raw Disruptor baseline: a ring of the engine's own {@link MetricEvent} slots (same size as the engine's
 * default, 65536) drained by a no-op handler on its own thread, with the Disruptor's stock wait strategy of the
 * same name as the engine's. {@link #publish(int, long)} is the engine's publish minus everything the engine's
 * consumer does with the event.
 * <p>
 * Thread-safety: {@link #publish(int, long)} is safe for any number of threads on a multi-producer ring and for
 * exactly one on a single-producer ring; {@link #close()} once, after the last publish.
 */
public final class NoOpRing implements AutoCloseable
{
    /** Slots, as the engine's default {@code ring_size}. */
    public static final int RING_SIZE = 65536;

    private final RingBuffer<MetricEvent> ring;
    private final BatchEventProcessor<MetricEvent> processor;
    private final Thread consumer;

    /**
     * Starts the ring's consumer thread.
     *
     * @param multiProducer a multi-producer ring (the engine's default) or a single-producer one.
     * @param waitStrategy  {@code blocking}, {@code sleeping}, {@code yielding} or {@code busy_spin}.
     */
    public NoOpRing(final boolean multiProducer, final String waitStrategy)
    {
        final WaitStrategy strategy = waitStrategy(waitStrategy);
        ring = multiProducer ?
            RingBuffer.createMultiProducer(MetricEvent.FACTORY, RING_SIZE, strategy) :
            RingBuffer.createSingleProducer(MetricEvent.FACTORY, RING_SIZE, strategy);
        final EventHandler<MetricEvent> noOp = (event, sequence, endOfBatch) ->
        {
        };
        processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), noOp);
        ring.addGatingSequences(processor.getSequence());
        consumer = new Thread(processor, "jmh-noop-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    /** Claims a slot, writes it as the engine's publisher does (timestamp 0, flags 0) and publishes it. */
    public void publish(final int seriesId, final long value)
    {
        final long sequence = ring.next();
        final MetricEvent event = ring.get(sequence);
        event.seriesId = seriesId;
        event.flags = 0;
        event.value = value;
        event.timestampMs = 0L;
        ring.publish(sequence);
    }

    /** Stops the consumer thread. */
    @Override
    public void close()
    {
        processor.halt();
        try
        {
            consumer.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    static WaitStrategy waitStrategy(final String name)
    {
        return switch (name.toLowerCase(Locale.ROOT))
        {
            case "blocking" -> new BlockingWaitStrategy();
            case "sleeping" -> new SleepingWaitStrategy();
            case "yielding" -> new YieldingWaitStrategy();
            case "busy_spin" -> new BusySpinWaitStrategy();
            default -> throw new IllegalArgumentException("unknown wait strategy '" + name + "'");
        };
    }
}

package dev.bridge.analytics.bench;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import dev.bridge.analytics.config.ProducerType;
import dev.bridge.analytics.config.WaitStrategyType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The reference the engine is measured against: the same producers publish the same events (walking the same
 * workload tables) into a bare Disruptor {@code RingBuffer} of {int, long, long} slots, with the same ring size,
 * producer type and wait strategy (the Disruptor's own strategy classes), and a no-op handler in a
 * {@link BatchEventProcessor} on its own thread. {@code next()/get()/publish()}, no translator. A warm-up runs
 * first; the measured time runs from the start of timed publishing until the consumer has processed everything.
 * <p>
 * Thread-safety: {@link #run} is called by one thread and starts and joins its own threads.
 */
public final class BaselineRun
{
    /**
     * @param events          events of the timed phase.
     * @param seconds         from start of timed publishing until the consumer processed them all.
     * @param eventsPerSecond events / seconds.
     */
    public record Result(long events, double seconds, double eventsPerSecond)
    {
    }

    /** One ring slot, as the engine's: series id, value, timestamp. */
    static final class Slot
    {
        int series;
        long value;
        long timestamp;
    }

    private BaselineRun()
    {
    }

    /**
     * @param tables       one workload table per producer thread.
     * @param timedEvents  events of the timed phase, split evenly over the producers.
     * @param warmUpEvents events of the warm-up, split evenly over the producers.
     */
    public static Result run(
        final List<WorkloadTable> tables, final long timedEvents, final long warmUpEvents, final int ringSize,
        final ProducerType producerType, final WaitStrategyType waitStrategyType) throws InterruptedException
    {
        final WaitStrategy waitStrategy = waitStrategy(waitStrategyType);
        final RingBuffer<Slot> ring = producerType == ProducerType.SINGLE ?
            RingBuffer.createSingleProducer(Slot::new, ringSize, waitStrategy) :
            RingBuffer.createMultiProducer(Slot::new, ringSize, waitStrategy);
        final EventHandler<Slot> noOp = (event, sequence, endOfBatch) ->
        {
        };
        final BatchEventProcessor<Slot> processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), noOp);
        ring.addGatingSequences(processor.getSequence());
        final Thread consumer = new Thread(processor, "baseline-consumer");
        consumer.setDaemon(true);
        consumer.start();

        final int producers = tables.size();
        final CountDownLatch warmedUp = new CountDownLatch(producers);
        final CountDownLatch go = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final WorkloadTable table = tables.get(p);
            final long warm = share(warmUpEvents, producers, p);
            final long timed = share(timedEvents, producers, p);
            final Thread thread = new Thread(() ->
            {
                final int position = publish(ring, table, 0, warm);
                warmedUp.countDown();
                try
                {
                    go.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
                publish(ring, table, position, timed);
            }, "baseline-producer-" + p);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try
        {
            warmedUp.await();
            awaitConsumed(processor, warmUpEvents - 1);
            final long start = System.nanoTime();
            go.countDown();
            for (final Thread thread : threads)
            {
                thread.join();
            }
            awaitConsumed(processor, warmUpEvents + timedEvents - 1);
            final double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(timedEvents, seconds, timedEvents / seconds);
        }
        finally
        {
            go.countDown();
            processor.halt();
            consumer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private static int publish(final RingBuffer<Slot> ring, final WorkloadTable table, final int from, final long events)
    {
        final int[] seriesOf = table.seriesIndexes();
        final long[] valueOf = table.values();
        final int mask = table.mask();
        int pos = from;
        for (long i = 0; i < events; i++)
        {
            final long sequence = ring.next();
            final Slot slot = ring.get(sequence);
            slot.series = seriesOf[pos];
            slot.value = valueOf[pos];
            slot.timestamp = 0L;
            ring.publish(sequence);
            pos = (pos + 1) & mask;
        }
        return pos;
    }

    private static void awaitConsumed(final BatchEventProcessor<Slot> processor, final long sequence)
    {
        while (processor.getSequence().get() < sequence)
        {
            LockSupport.parkNanos(10_000L);
        }
    }

    static long share(final long total, final int parts, final int part)
    {
        return total / parts + (part < total % parts ? 1 : 0);
    }

    static WaitStrategy waitStrategy(final WaitStrategyType type)
    {
        return switch (type)
        {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }
}

package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import dev.bridge.analytics.config.EngineSettings;
import dev.bridge.analytics.config.OverflowPolicy;
import dev.bridge.analytics.config.PipelineThreading;
import dev.bridge.analytics.config.ProducerType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesTable;
import dev.bridge.analytics.store.AggregateWriter;
import dev.bridge.analytics.store.HistogramWriter;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.SaturationCounter;
import org.agrona.concurrent.EpochClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * The ring and its consumers: builds the preallocated ring, the stages and their consumer threads as configured
 * (one thread for all stages, or classify, bucket and histogram each on its own thread, bucket and histogram both
 * gated on classify), and serves flushes. Thread-safe: {@link #publisher()} is shared by producers,
 * {@link #flush(Duration)} may be called from any thread, {@link #close()} once.
 */
public final class Pipeline implements AutoCloseable
{
    private final RingBuffer<MetricEvent> ring;
    private final TickingWaitStrategy waitStrategy;
    private final EventPublisher publisher;
    private final CounterCells counterCells;
    private final FlushRequests flushRequests = new FlushRequests();
    private final List<BatchEventProcessor<MetricEvent>> processors = new ArrayList<>();
    private final List<ConsumerHandler> handlers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param sampledSeries see {@link ResourceSampler}: memory, threads, off-heap series ids then self-metric series.
     */
    public Pipeline(
        final EngineSettings settings,
        final SeriesTable series,
        final MetricStore store,
        final EngineCounters counters,
        final EpochClock clock,
        final IntSupplier seriesCount,
        final int[] sampledSeries)
    {
        waitStrategy = new TickingWaitStrategy(settings.waitStrategy(), settings.tickInterval().toNanos());
        ring = settings.producerType() == ProducerType.SINGLE ?
            RingBuffer.createSingleProducer(MetricEvent.FACTORY, settings.ringSize(), waitStrategy) :
            RingBuffer.createMultiProducer(MetricEvent.FACTORY, settings.ringSize(), waitStrategy);
        publisher = new EventPublisher(
            ring, settings.overflowPolicy() == OverflowPolicy.DROP, counters.counter(SelfMetric.EVENTS_DROPPED));
        counters.counter(SelfMetric.RING_CAPACITY).setRelease(settings.ringSize());
        counterCells = new CounterCells(series.capacity());
        final long tickMs = settings.tickInterval().toMillis();

        final ErrorLog errors = new ErrorLog(counters.counter(SelfMetric.HANDLER_ERRORS));
        final long resolutionMs = settings.rawResolution().toMillis();
        final long commitMs = settings.commitInterval().toMillis();
        final List<Resolution> resolutions = settings.resolutions();
        final AggregateWriter aggregateWriter = store.newAggregateWriter();
        final HistogramWriter histogramWriter = store.newHistogramWriter();
        final long nowMs = clock.time();
        final SaturationCounter saturations = new SaturationCounter(counters.counter(SelfMetric.VALUES_SATURATED));
        final Resolution rawResolution = resolutions.get(0);
        final BucketStage rawBuckets = new BucketStage(series.capacity(), rawResolution, aggregateWriter,
            store.newReader(), counters.counter(SelfMetric.EVENTS_LATE), counters.counter(SelfMetric.VALUES_EXPIRED),
            saturations);
        final HistogramStage rawHistograms = new HistogramStage(series, rawResolution, histogramWriter, store.newReader(), null);
        final SampleStage samples = new SampleStage(series, rawResolution, store.newSampleWriter());
        final RollupBuckets[] rollupBuckets = new RollupBuckets[resolutions.size() - 1];
        final RollupHistograms[] rollupHistograms = new RollupHistograms[resolutions.size() - 1];
        for (int i = 1; i < resolutions.size(); i++)
        {
            rollupBuckets[i - 1] = new RollupBuckets(
                series.capacity(), resolutions.get(i), rawBuckets, aggregateWriter, store.newReader(), saturations);
            rollupHistograms[i - 1] = new RollupHistograms(
                series, resolutions.get(i), rawHistograms, histogramWriter, store.newReader());
            rollupBuckets[i - 1].startExpiry(nowMs);
            rollupHistograms[i - 1].startExpiry(nowMs);
        }
        rawBuckets.startExpiry(nowMs);
        rawHistograms.startExpiry(nowMs);
        samples.startExpiry(nowMs);
        final BucketLevels bucket = new BucketLevels(rawBuckets, rollupBuckets);
        final HistogramLevels histogram = new HistogramLevels(series, rawHistograms, rollupHistograms, samples);
        final ResourceSampler sampler = new ResourceSampler(
            settings.resourceSamplingInterval().toMillis(), counters, store, publisher, counterCells, seriesCount,
            sampledSeries);
        final long longestRetentionMs = resolutions.stream().mapToLong(Resolution::retentionMs).max().orElseThrow();
        final ClassifyStage classify = new ClassifyStage(series, longestRetentionMs, resolutionMs);

        if (settings.pipelineThreading() == PipelineThreading.SINGLE_THREAD)
        {
            add(new ConsumerHandler("analytics-pipeline", clock, classify, new CommittingStage[]{ bucket, histogram }, sampler, flushRequests, errors, commitMs,
                counters, counterCells, tickMs), ring.newBarrier(), errors);
        }
        else
        {
            final ConsumerHandler classifier = new ConsumerHandler("analytics-classify", clock, classify,
                new CommittingStage[0], null, flushRequests, errors, commitMs, counters, counterCells, tickMs);
            final Sequence classified = add(classifier, ring.newBarrier(), errors);
            add(new ConsumerHandler("analytics-bucket", clock, null, new CommittingStage[]{ bucket }, sampler,
                flushRequests, errors, commitMs, counters, counterCells, tickMs), ring.newBarrier(classified), errors);
            add(new ConsumerHandler("analytics-histogram", clock, null, new CommittingStage[]{ histogram }, null,
                flushRequests, errors, commitMs, counters, counterCells, tickMs), ring.newBarrier(classified), errors);
        }
        final List<Sequence> gating = new ArrayList<>();
        for (int i = processors.size() - 1; i >= 0; i--)
        {
            gating.add(processors.get(i).getSequence());
        }
        ring.addGatingSequences(gating.toArray(new Sequence[0]));
        for (int i = 0; i < processors.size(); i++)
        {
            final Thread thread = new Thread(processors.get(i), handlers.get(i).name());
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    private Sequence add(final ConsumerHandler handler, final SequenceBarrier barrier, final ErrorLog errors)
    {
        final BatchEventProcessor<MetricEvent> processor = new BatchEventProcessorBuilder().build(ring, barrier, handler);
        processor.setExceptionHandler(new CountingExceptionHandler(handler.name(), errors));
        processors.add(processor);
        handlers.add(handler);
        return processor.getSequence();
    }

    /** @return the publisher shared by every handle. */
    public EventPublisher publisher()
    {
        return publisher;
    }

    /** @return the decentralized counter cells shared by every counter handle. */
    public CounterCells counterCells()
    {
        return counterCells;
    }

    /** @return events offered so far: ring slots claimed, dropped events, and counter calls (see {@link CounterCells}). */
    public long offeredCount()
    {
        return publisher.offeredCount() + counterCells.offeredCount();
    }

    /** @return the ring. */
    public RingBuffer<MetricEvent> ring()
    {
        return ring;
    }

    /** @return the ids of the consumer threads (0 for one not started yet). */
    public long[] consumerThreadIds()
    {
        return threads.stream().mapToLong(Thread::getId).toArray();
    }

    /**
     * Waits until every event published before the call, and every counter cell written before it, is aggregated and
     * committed to the store.
     *
     * @return false if {@code timeout} passed first.
     * @throws IllegalStateException when the pipeline is closed or a consumer thread died.
     */
    public boolean flush(final Duration timeout)
    {
        if (closed)
        {
            throw new IllegalStateException("engine is closed");
        }
        final long target = ring.getCursor();
        final long ticket = flushRequests.request(target);
        waitStrategy.wakeUp();
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        int spins = 0;
        while (!committedUpTo(target, ticket))
        {
            for (final Thread thread : threads)
            {
                if (!thread.isAlive())
                {
                    throw new IllegalStateException("consumer thread " + thread.getName() + " is not running");
                }
            }
            for (final ConsumerHandler handler : handlers)
            {
                final Throwable failure = handler.commitFailure();
                if (failure != null && (handler.committed() < target || handler.servedTicket() < ticket))
                {
                    throw new IllegalStateException(
                        handler.name() + " cannot commit to the store (kept in memory, retried): " + failure, failure);
                }
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return false;
            }
            if (++spins < 100)
            {
                Thread.onSpinWait();
            }
            else
            {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
                if ((spins & 0xFF) == 0)
                {
                    waitStrategy.wakeUp();
                }
            }
        }
        return true;
    }

    private boolean committedUpTo(final long target, final long ticket)
    {
        for (final ConsumerHandler handler : handlers)
        {
            if (handler.commits() && (handler.committed() < target || handler.servedTicket() < ticket))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Flushes, then stops the consumer threads (their shutdown commits once more) and waits for them. The consumers'
     * sequences then stop gating the ring, so a handle used after close never blocks: its events are discarded.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        try
        {
            flush(Duration.ofMinutes(1));
        }
        finally
        {
            closed = true;
            processors.forEach(BatchEventProcessor::halt);
            joinConsumers();
            processors.forEach(p -> ring.removeGatingSequence(p.getSequence()));
        }
    }

    private void joinConsumers()
    {
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(TimeUnit.MINUTES.toMillis(1));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return true when every consumer thread has stopped. */
    public boolean stopped()
    {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /** Counts and logs an exception that escaped a handler, and lets the processor go on. */
    private static final class CountingExceptionHandler implements ExceptionHandler<MetricEvent>
    {
        private final String name;
        private final ErrorLog errors;

        CountingExceptionHandler(final String name, final ErrorLog errors)
        {
            this.name = name;
            this.errors = errors;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final MetricEvent event)
        {
            errors.onError(name, ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            errors.onError(name + " start", ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            errors.onError(name + " shutdown", ex);
        }
    }
}

package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.EngineSettings;
import dev.bridge.analytics.config.OverflowPolicy;
import dev.bridge.analytics.config.PipelineThreading;
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
 * The rings and their consumers: builds the ring registry (a single-producer ring per recording thread, a shared
 * multi-producer ring for threads beyond the bound, see {@link ProducerRings}), the stages and their consumer
 * threads as configured (one thread for all stages, or classify, bucket and histogram each on its own thread, bucket
 * and histogram both gated on classify in every ring), each polling every ring ({@link ConsumerAgent}), and serves
 * flushes. Thread-safe: {@link #publisher()} is shared by producers, {@link #flush(Duration)} may be called from any
 * thread, {@link #close()} once.
 */
public final class Pipeline implements AutoCloseable
{
    private final ProducerRings rings;
    private final ConsumerSignal signal;
    private final EventPublisher publisher;
    private final CounterCells counterCells;
    private final GaugeOrders gaugeOrders;
    private final FlushRequests flushRequests = new FlushRequests();
    private final List<ConsumerAgent> agents = new ArrayList<>();
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
        final boolean perStage = settings.pipelineThreading() == PipelineThreading.PER_STAGE;
        signal = new ConsumerSignal(settings.waitStrategy());
        rings = new ProducerRings(settings.ringSize(), settings.producerRingSize(), settings.maxProducerThreads(),
            perStage ? 3 : 1, signal, counters.counter(SelfMetric.PRODUCER_RINGS),
            counters.counter(SelfMetric.PRODUCER_RING_FALLBACKS));
        publisher = new EventPublisher(
            rings, settings.overflowPolicy() == OverflowPolicy.DROP, counters.counter(SelfMetric.EVENTS_DROPPED));
        counters.counter(SelfMetric.RING_CAPACITY).setRelease(settings.ringSize());
        counterCells = new CounterCells(series.capacity());
        gaugeOrders = new GaugeOrders(series.capacity());
        final long tickNs = settings.tickInterval().toNanos();
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
        final HistogramStage rawHistograms = new HistogramStage(series, rawResolution, histogramWriter, null);
        final SampleStage samples = new SampleStage(series, rawResolution, store.newSampleWriter());
        final int levels = resolutions.size(); // the rollups, then the running totals (TotalsLevel)
        final RollupBuckets[] rollupBuckets = new RollupBuckets[levels];
        final RollupHistograms[] rollupHistograms = new RollupHistograms[levels];
        for (int i = 1; i <= levels; i++)
        {
            final Resolution level = i < levels ? resolutions.get(i) : TotalsLevel.RESOLUTION;
            rollupBuckets[i - 1] = new RollupBuckets(
                series.capacity(), level, rawBuckets, aggregateWriter, store.newReader(), saturations);
            rollupHistograms[i - 1] = new RollupHistograms(level, histogramWriter);
            rollupBuckets[i - 1].startExpiry(nowMs);
        }
        rawBuckets.startExpiry(nowMs);
        final HistogramLevels histogram = new HistogramLevels(series, rawHistograms, rollupHistograms, samples);
        rawHistograms.startExpiryAtEveryLevel(nowMs);
        samples.startExpiry(nowMs);
        final BucketLevels bucket = new BucketLevels(rawBuckets, rollupBuckets);
        final ResourceSampler sampler = new ResourceSampler(
            settings.resourceSamplingInterval().toMillis(), counters, store, publisher, counterCells, seriesCount,
            sampledSeries);
        final long longestRetentionMs = resolutions.stream().mapToLong(Resolution::retentionMs).max().orElseThrow();
        final ClassifyStage classify = new ClassifyStage(series, longestRetentionMs, resolutionMs);

        final ConsumerIdler first = new ConsumerIdler(settings.waitStrategy());
        if (!perStage)
        {
            add(new ConsumerHandler("analytics-pipeline", clock, classify, new CommittingStage[]{ bucket, histogram },
                sampler, flushRequests, errors, commitMs, counters, counterCells, tickMs, rings, 0),
                0, first, new ConsumerIdler[0], errors, tickNs);
            signal.idlers(new ConsumerIdler[]{ first }, new ConsumerIdler[]{ first });
        }
        else
        {
            final ConsumerIdler bucketIdler = new ConsumerIdler(settings.waitStrategy());
            final ConsumerIdler histogramIdler = new ConsumerIdler(settings.waitStrategy());
            final ConsumerIdler[] downstream = { bucketIdler, histogramIdler };
            add(new ConsumerHandler("analytics-classify", clock, classify, new CommittingStage[0], null, flushRequests,
                errors, commitMs, counters, counterCells, tickMs, rings, 0), 0, first, downstream, errors, tickNs);
            add(new ConsumerHandler("analytics-bucket", clock, null, new CommittingStage[]{ bucket }, sampler,
                flushRequests, errors, commitMs, counters, counterCells, tickMs, rings, 1),
                1, bucketIdler, new ConsumerIdler[0], errors, tickNs);
            add(new ConsumerHandler("analytics-histogram", clock, null, new CommittingStage[]{ histogram }, null,
                flushRequests, errors, commitMs, counters, counterCells, tickMs, rings, 2),
                2, histogramIdler, new ConsumerIdler[0], errors, tickNs);
            signal.idlers(new ConsumerIdler[]{ first }, new ConsumerIdler[]{ first, bucketIdler, histogramIdler });
        }
        for (final ConsumerAgent agent : agents)
        {
            final Thread thread = new Thread(agent, agent.name());
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    private void add(
        final ConsumerHandler handler, final int stage, final ConsumerIdler idler, final ConsumerIdler[] downstream,
        final ErrorLog errors, final long tickNs)
    {
        agents.add(new ConsumerAgent(handler, rings, stage, signal, idler, downstream, errors, tickNs));
        handlers.add(handler);
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

    /** @return the order stamps of gauge series (see {@link GaugeOrders}). */
    public GaugeOrders gaugeOrders()
    {
        return gaugeOrders;
    }

    /** @return events offered so far: ring slots published, dropped events, and counter calls (see {@link CounterCells}). */
    public long offeredCount()
    {
        return publisher.offeredCount() + counterCells.offeredCount();
    }

    /** @return the ring registry (rings in use, free slots of the shared ring). */
    public ProducerRings rings()
    {
        return rings;
    }

    /** @return the ids of the consumer threads (0 for one not started yet). */
    public long[] consumerThreadIds()
    {
        return threads.stream().mapToLong(Thread::getId).toArray();
    }

    /**
     * Waits until every event published before the call (into any ring), and every counter cell written before it,
     * is aggregated and committed to the store: see the ticket protocol in {@link ConsumerHandler}.
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
        final long ticket = flushRequests.request();
        signal.wakeUp();
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        int spins = 0;
        while (!served(ticket))
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
                if (failure != null && handler.servedTicket() < ticket)
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
                    signal.wakeUp();
                }
            }
        }
        return true;
    }

    private boolean served(final long ticket)
    {
        for (final ConsumerHandler handler : handlers)
        {
            if (handler.commits() && handler.servedTicket() < ticket)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Flushes, then stops the consumer threads (their shutdown commits once more) and waits for them. The consumers'
     * sequences then stop gating every ring, so a handle used after close never blocks: its events are discarded.
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
            agents.forEach(ConsumerAgent::halt);
            joinConsumers();
            rings.close();
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
}

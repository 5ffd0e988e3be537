package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.Sequence;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;

/**
 * One consumer thread's handler, driven by its {@link ConsumerAgent}'s passes over the rings. It runs, per event, the
 * stages it owns: classify (if owned) then each committing stage; and, after each pass that found events (a batch
 * end) or at an idle tick, its maintenance: folding the counter cells into the bucket stage (if
 * owned: at each idle tick, at a batch end once a tick has passed since the last fold, before every commit and for
 * every flush), resource sampling (if owned), reclaiming the rings of dead threads (if owned, at ticks and commits),
 * and a commit (which also publishes its counters) when the commit interval has passed or a flush asks for one.
 * <p>
 * Flush: at the start of a pass the handler reads the newest ticket; if it is new, it records every ring's cursor
 * as the ticket's target. The ticket is served by the first commit after a pass in which this handler's stage has
 * read every ring up to its target (so every event published before the flush call, in any ring, and every
 * counter cell written before it, is aggregated and committed). A commit that fails
 * (e.g. a full store) keeps the touched buckets for the next commit and is reported to flush callers. With single-thread pipelining one handler
 * owns every stage; with per-stage pipelining classify, bucket and histogram each get their own.
 * <p>
 * The clock is read once per ring poll that finds events (after the poller read the ring's cursor), once per counter
 * fold (after the cells) and once per idle tick, so nothing is stamped with a time read before it was recorded. Any
 * exception of a stage is caught here, counted and logged once per distinct error, and the pipeline goes on. Not
 * thread-safe: runs on its consumer thread; other threads read only {@link #servedTicket()} and
 * {@link #commitFailure()}.
 */
public final class ConsumerHandler implements EventPoller.Handler<MetricEvent>
{
    /** Most events read from one ring per pass, so one busy producer cannot starve the others. */
    static final int POLL_LIMIT = 1024;

    private final String name;
    private final EpochClock clock;
    private final ClassifyStage classify;
    private final CommittingStage[] stages;
    private final BucketLevels bucketLevels;
    private final ResourceSampler sampler;
    private final FlushRequests flushRequests;
    private final ErrorLog errors;
    private final long commitIntervalMs;
    private final AtomicCounter aggregatedCounter;
    private final AtomicCounter rejectedCounter;
    private final AtomicCounter aboveHighestCounter;
    private final AtomicCounter batchesCounter;
    private final AtomicCounter maxBatchCounter;
    private final AtomicCounter commitsCounter;
    private final CounterFolder counterFolder;
    private final CounterCells counterCells;
    private final long tickMs;
    private final ProducerRings rings;
    private final int stage;
    private final boolean reclaimsRings;
    private final long[] flushTargets;
    private int flushTargetCount;
    private long pendingTicket;
    private boolean passStarted;
    private int polled;
    private final Sequence servedTicket = new Sequence(0);
    private volatile Throwable commitFailure;
    private long nowMs;
    private long lastCommitMs;
    private long lastFoldMs;
    private long processedAccepted;
    private long batches;
    private long maxBatch;
    private long commits;

    ConsumerHandler(
        final String name,
        final EpochClock clock,
        final ClassifyStage classify,
        final CommittingStage[] stages,
        final ResourceSampler sampler,
        final FlushRequests flushRequests,
        final ErrorLog errors,
        final long commitIntervalMs,
        final EngineCounters counters,
        final CounterCells counterCells,
        final long tickMs,
        final ProducerRings rings,
        final int stage)
    {
        this.name = name;
        this.rings = rings;
        this.stage = stage;
        this.flushTargets = new long[rings.capacity()];
        this.clock = clock;
        this.classify = classify;
        this.stages = stages;
        this.bucketLevels = Arrays.stream(stages)
            .filter(BucketLevels.class::isInstance).map(BucketLevels.class::cast).findFirst().orElse(null);
        final boolean bucket = bucketLevels != null;
        this.counterCells = counterCells;
        this.counterFolder = bucket ? new CounterFolder(counterCells) : null;
        this.reclaimsRings = bucket;
        this.tickMs = tickMs;
        this.sampler = bucket ? sampler : null;
        this.flushRequests = flushRequests;
        this.errors = errors;
        this.commitIntervalMs = commitIntervalMs;
        this.aggregatedCounter = bucket ? counters.counter(SelfMetric.EVENTS_AGGREGATED) : null;
        this.rejectedCounter = classify != null ? counters.counter(SelfMetric.EVENTS_REJECTED) : null;
        this.aboveHighestCounter = classify != null ? counters.counter(SelfMetric.VALUES_ABOVE_HIGHEST) : null;
        this.batchesCounter = classify != null ? counters.counter(SelfMetric.BATCHES) : null;
        this.maxBatchCounter = classify != null ? counters.counter(SelfMetric.MAX_BATCH_SIZE) : null;
        this.commitsCounter = bucket ? counters.counter(SelfMetric.COMMITS) : null;
    }

    /** Before the first pass, on the consumer thread. */
    public void onStart()
    {
        nowMs = clock.time();
        lastCommitMs = nowMs;
        lastFoldMs = nowMs;
    }

    /** Starts a pass: a new flush ticket gets every ring's cursor as its target. */
    void beginPass()
    {
        passStarted = false;
        final long ticket = flushRequests.ticket();
        if (ticket > pendingTicket)
        {
            flushTargetCount = rings.cursors(flushTargets); // after the ticket: every ring published before the call
            pendingTicket = ticket;
        }
    }

    /**
     * Starts reading one ring: its first event reads the clock again, after the poller read the ring's cursor, so
     * every event of the ring was published before the time it is stamped with.
     */
    void beginPoll()
    {
        polled = 0;
        passStarted = false;
    }

    /** Ends reading one ring: @return the events read. */
    int endPoll()
    {
        final int n = polled;
        if (n > 0 && classify != null)
        {
            batches++;
            if (n > maxBatch)
            {
                maxBatch = n;
            }
        }
        return n;
    }

    @Override
    public boolean onEvent(final MetricEvent event, final long sequence, final boolean endOfBatch)
    {
        if (!passStarted)
        {
            passStarted = true;
            nowMs = clock.time(); // once per ring poll that finds events
            if (classify != null)
            {
                classify.onBatchStart(nowMs);
            }
        }
        try
        {
            if (classify == null ? (event.flags & MetricEvent.FLAG_ACCEPTED) != 0 : classify.accept(event))
            {
                processedAccepted++;
                for (final CommittingStage stage : stages)
                {
                    stage.onEvent(event);
                }
            }
        }
        catch (final Throwable error)
        {
            errors.onError(name, error);
        }
        return ++polled < POLL_LIMIT;
    }

    /** After a pass: maintenance at a batch end ({@code tick} false) or an idle tick ({@code tick} true). */
    void afterPass(final boolean tick)
    {
        if (tick)
        {
            nowMs = clock.time();
        }
        maintain(tick);
    }

    /**
     * @return true when a flush needs this handler now: a ticket newer than the last pass saw, or a ticket whose
     *         targets this stage has reached and that no commit has served yet.
     */
    boolean flushReady()
    {
        return flushRequests.ticket() > pendingTicket || (commitFailure == null && flushServable());
    }

    private boolean flushServable()
    {
        return commits() && pendingTicket > servedTicket.get() && rings.reached(stage, flushTargets, flushTargetCount);
    }

    /** After the last pass: folds, reclaims and commits one last time. */
    public void onShutdown()
    {
        nowMs = clock.time();
        foldCounters(true);
        commit(flushServable() ? pendingTicket : servedTicket.get());
    }

    private void maintain(final boolean tick)
    {
        final boolean flushDue = flushServable();
        final boolean commitDue = flushDue || nowMs - lastCommitMs >= commitIntervalMs;
        if (commitDue || tick || nowMs - lastFoldMs >= tickMs)
        {
            foldCounters(commitDue);
        }
        if (reclaimsRings && (commitDue || tick))
        {
            rings.reclaimDead();
        }
        try
        {
            if (sampler != null)
            {
                sampler.onTick(nowMs, bucketLevels);
            }
        }
        catch (final Throwable error)
        {
            errors.onError(name, error);
        }
        if (commitDue)
        {
            commit(flushDue ? pendingTicket : servedTicket.get());
        }
    }

    /** Folds the counter cells into the bucket stage (if owned); with {@code reclaim}, removes dead threads' blocks. */
    private void foldCounters(final boolean reclaim)
    {
        if (counterFolder == null)
        {
            return;
        }
        lastFoldMs = nowMs;
        try
        {
            processedAccepted += counterFolder.fold(clock, bucketLevels, reclaim);
            nowMs = Math.max(nowMs, counterFolder.foldTimeMs()); // the fold read the clock after the cells
        }
        catch (final Throwable error)
        {
            errors.onError(name, error);
        }
    }

    private void commit(final long ticket)
    {
        lastCommitMs = nowMs;
        if (classify != null)
        {
            rejectedCounter.setRelease(classify.rejected() + counterCells.rejected());
            aboveHighestCounter.setRelease(classify.aboveHighest());
            batchesCounter.setRelease(batches);
            maxBatchCounter.setRelease(maxBatch);
        }
        if (aggregatedCounter != null)
        {
            aggregatedCounter.setRelease(processedAccepted);
        }
        try
        {
            for (final CommittingStage stage : stages)
            {
                stage.commit();
                stage.expire(nowMs);
            }
            commitFailure = null;
            if (commitsCounter != null)
            {
                commitsCounter.setRelease(++commits);
            }
            servedTicket.set(ticket);
        }
        catch (final Throwable error)
        {
            commitFailure = error;
            errors.onError(name, error);
        }
    }

    /** @return the newest flush ticket served by a commit (volatile read); see {@link FlushRequests}. */
    public long servedTicket()
    {
        return servedTicket.get();
    }

    /** @return true when this handler commits state, so flush must wait for it. */
    boolean commits()
    {
        return stages.length > 0;
    }

    /** @return the error of the last commit if it failed, else null (volatile read). */
    Throwable commitFailure()
    {
        return commitFailure;
    }

    /** @return the handler's name (also its thread's name). */
    public String name()
    {
        return name;
    }
}

package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * One consumer thread's handler. It runs, per event, the stages it owns: classify (if owned) then each committing
 * stage; and, at each batch end or idle tick, its maintenance: folding the counter cells into the bucket stage (if
 * owned: at each idle tick, at a batch end once a tick has passed since the last fold, before every commit and for
 * every flush), resource sampling (if owned), and a commit (which
 * also publishes its counters) when the commit interval has passed or a flush asks for one. A commit that fails
 * (e.g. a full store) keeps the touched buckets for the next commit and is reported to flush callers. With single-thread pipelining one handler
 * owns every stage; with per-stage pipelining classify, bucket and histogram each get their own.
 * <p>
 * The clock is read once per batch and once per idle tick. Any exception of a stage is caught here, counted and
 * logged once per distinct error, and the pipeline goes on. Not thread-safe: runs on its consumer thread; other
 * threads read only {@link #committed()}.
 */
public final class ConsumerHandler implements EventHandler<MetricEvent>
{
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
    private final AtomicCounter batchesCounter;
    private final AtomicCounter maxBatchCounter;
    private final AtomicCounter commitsCounter;
    private final CounterFolder counterFolder;
    private final CounterCells counterCells;
    private final long tickMs;
    private final Sequence committed = new Sequence(-1);
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
        final long tickMs)
    {
        this.name = name;
        this.clock = clock;
        this.classify = classify;
        this.stages = stages;
        this.bucketLevels = java.util.Arrays.stream(stages)
            .filter(BucketLevels.class::isInstance).map(BucketLevels.class::cast).findFirst().orElse(null);
        final boolean bucket = bucketLevels != null;
        this.counterCells = counterCells;
        this.counterFolder = bucket ? new CounterFolder(counterCells) : null;
        this.tickMs = tickMs;
        this.sampler = bucket ? sampler : null;
        this.flushRequests = flushRequests;
        this.errors = errors;
        this.commitIntervalMs = commitIntervalMs;
        this.aggregatedCounter = bucket ? counters.counter(SelfMetric.EVENTS_AGGREGATED) : null;
        this.rejectedCounter = classify != null ? counters.counter(SelfMetric.EVENTS_REJECTED) : null;
        this.batchesCounter = classify != null ? counters.counter(SelfMetric.BATCHES) : null;
        this.maxBatchCounter = classify != null ? counters.counter(SelfMetric.MAX_BATCH_SIZE) : null;
        this.commitsCounter = bucket ? counters.counter(SelfMetric.COMMITS) : null;
    }

    @Override
    public void onStart()
    {
        nowMs = clock.time();
        lastCommitMs = nowMs;
        lastFoldMs = nowMs;
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        nowMs = clock.time();
        if (classify != null)
        {
            classify.onBatchStart(nowMs);
            batches++;
            if (batchSize > maxBatch)
            {
                maxBatch = batchSize;
            }
        }
    }

    @Override
    public void onEvent(final MetricEvent event, final long sequence, final boolean endOfBatch)
    {
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
        if (endOfBatch)
        {
            maintain(sequence, false);
        }
    }

    @Override
    public void onTimeout(final long sequence)
    {
        nowMs = clock.time();
        maintain(sequence, true);
    }

    @Override
    public void onShutdown()
    {
        final long ticket = flushRequests.ticket();
        foldCounters(true);
        commit(committed.get(), ticket);
    }

    private void maintain(final long processed, final boolean tick)
    {
        final long ticket = flushRequests.ticket(); // before the fold: a flush with this ticket sees its cells folded
        final boolean commitDue = nowMs - lastCommitMs >= commitIntervalMs ||
            flushRequests.due(processed, committed.get(), servedTicket.get());
        if (commitDue || tick || nowMs - lastFoldMs >= tickMs)
        {
            foldCounters(commitDue);
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
            commit(processed, ticket);
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
            processedAccepted += counterFolder.fold(nowMs, bucketLevels, reclaim);
        }
        catch (final Throwable error)
        {
            errors.onError(name, error);
        }
    }

    private void commit(final long processed, final long ticket)
    {
        lastCommitMs = nowMs;
        if (classify != null)
        {
            rejectedCounter.setRelease(classify.rejected() + counterCells.rejected());
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
            committed.set(processed);
            servedTicket.set(ticket);
        }
        catch (final Throwable error)
        {
            commitFailure = error;
            errors.onError(name, error);
        }
    }

    /** @return the highest sequence whose effects are committed to the store (volatile read). */
    public long committed()
    {
        return committed.get();
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

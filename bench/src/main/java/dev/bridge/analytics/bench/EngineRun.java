package dev.bridge.analytics.bench;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.bench.querybench.QueryLoop;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine half of a load run: resolves the handles, pre-generates the workload tables, reads the store's
 * totals, runs the producers (warm-up, then the timed window), flushes, measures and verifies.
 * <p>
 * Sequence: warm-up (at most {@code warmUpEvents} or {@link #WARM_UP_CAP}, whichever ends first) -> flush ->
 * snapshot of the engine counters, the handler threads' allocation and the engine threads' CPU -> timed window (a duration or a number of
 * events) -> producers joined -> flush -> measurements -> store totals read again and compared.
 * <p>
 * Thread-safety: {@link #run} is called by one thread, which starts and joins the producer threads.
 */
public final class EngineRun
{
    private volatile RunControl control;
    private volatile boolean stopRequested;
    /** Longest warm-up. */
    public static final Duration WARM_UP_CAP = Duration.ofSeconds(1);
    private static final long HIGHEST_NS = 10_000_000_000L;
    /**
     * Name prefix of the engine's threads (consumer, alert agent, exporters, HTTP): their CPU over the timed window
     * counts in the engine's CPU per event, with the producers'.
     */
    static final String ENGINE_THREAD_PREFIX = "analytics-";

    private final int producers;
    private final Duration duration;
    private final Long events;
    private final long warmUpEvents;
    private final long seed;
    private final Progress progress;
    private QueryLoop queryLoop;

    /**
     * @param duration     length of the timed window, or null when {@code events} is given.
     * @param events       events of the timed window over all producers, or null when {@code duration} is given.
     * @param warmUpEvents warm-up events over all producers (0 for none).
     */
    public EngineRun(
        final int producers, final Duration duration, final Long events, final long warmUpEvents, final long seed,
        final Progress progress)
    {
        if ((duration == null) == (events == null))
        {
            throw new IllegalArgumentException("exactly one of duration and events");
        }
        this.producers = producers;
        this.duration = duration;
        this.events = events;
        this.warmUpEvents = warmUpEvents;
        this.seed = seed;
        this.progress = progress;
    }

    /**
     * Runs {@code loop} on the engine's queries during the timed window, from the producers' go until they are
     * joined (null: none, the default). The caller reads its result after {@link #run}.
     *
     * @return this.
     */
    public EngineRun withQueryLoop(final QueryLoop loop)
    {
        this.queryLoop = loop;
        return this;
    }

    /**
     * Ends the run early, from any thread (the shutdown hook of Ctrl-C or SIGTERM): the producers stop, and
     * {@link #run} verifies and returns what they sent up to then. Idempotent; before {@link #run}, it makes the run
     * stop at once.
     */
    public void stop()
    {
        stopRequested = true;
        final RunControl current = control;
        if (current != null)
        {
            current.stop();
        }
    }

    /** @return true once {@link #stop()} was called. */
    public boolean stopped()
    {
        return stopRequested;
    }

    /** Runs the load against a started engine (which the caller closes). */
    public LoadResult run(final AnalyticsEngine engine) throws InterruptedException
    {
        final RunControl control = new RunControl(producers);
        this.control = control;
        if (stopRequested)
        {
            control.stop();
        }
        final SeriesPlan plan = SeriesPlan.of(engine.config());
        final SeriesHandles handles = SeriesHandles.resolve(engine, plan);
        final List<WorkloadTable> tables = new ArrayList<>();
        final List<ProducerTask> tasks = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final WorkloadTable table = DspexWorkload.generate(plan, seed + p, WorkloadTable.DEFAULT_SIZE);
            tables.add(table);
            tasks.add(new ProducerTask(table, handles, control, share(warmUpEvents, producers, p),
                events == null ? Long.MAX_VALUE : share(events, producers, p), plan.size()));
        }
        final SeriesSnapshot before = SeriesSnapshot.read(engine, plan);

        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final Thread thread = new Thread(tasks.get(p), "bench-producer-" + p);
            thread.setDaemon(true);
            threads.add(thread);
        }
        progress.start(engine);
        final long runStartMs = System.currentTimeMillis();
        final long runStartNs = System.nanoTime();
        threads.forEach(Thread::start);
        try
        {
            awaitWarmUp(control, tasks);
            engine.flush();
            final EngineCounts atWindowStart = EngineCounts.read(engine);
            final long[] consumerIds = engine.consumerThreadIds();
            final long handlerBytesBefore = ThreadAllocation.threads(consumerIds);
            final Map<Long, Long> engineCpuBefore = ThreadCpu.byThread(ENGINE_THREAD_PREFIX);

            final long windowStartNs = System.nanoTime();
            control.go();
            if (queryLoop != null)
            {
                queryLoop.start(engine.queries());
            }
            if (duration != null)
            {
                awaitDeadline(windowStartNs + duration.toNanos(), tasks, control);
                control.stop();
            }
            for (final Thread thread : threads)
            {
                while (!join(thread))
                {
                    progress.maybePrint("run");
                }
            }
            stopQueryLoop();
            engine.flush();
            final long windowEndNs = System.nanoTime();
            final long handlerBytes = ThreadAllocation.threads(consumerIds) - handlerBytesBefore;
            final long engineCpuNs = ThreadCpu.usedBetween(engineCpuBefore, ThreadCpu.byThread(ENGINE_THREAD_PREFIX));
            final EngineCounts end = EngineCounts.read(engine);
            checkFailures(tasks);
            return result(engine, plan, tasks, tables, before, atWindowStart, end,
                (windowEndNs - windowStartNs) / 1e9, (windowEndNs - runStartNs) / 1e9, runStartMs, handlerBytes,
                engineCpuNs);
        }
        finally
        {
            control.stop();
            stopQueryLoop();
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    private void stopQueryLoop() throws InterruptedException
    {
        if (queryLoop != null)
        {
            queryLoop.stop();
        }
    }

    private LoadResult result(
        final AnalyticsEngine engine, final SeriesPlan plan, final List<ProducerTask> tasks,
        final List<WorkloadTable> tables, final SeriesSnapshot before, final EngineCounts atWindowStart,
        final EngineCounts end, final double windowSeconds, final double runSeconds, final long runStartMs,
        final long handlerBytes, final long engineCpuNs)
    {
        final long[] sentCounts = new long[plan.size()];
        final long[] sentSums = new long[plan.size()];
        final Histogram recordNs = new Histogram(HIGHEST_NS, 3);
        long warmUp = 0;
        long timed = 0;
        long producerBytes = 0;
        long producerCpuNs = 0;
        long timerOverheadNs = 0;
        final List<Long> warmUpPerProducer = new ArrayList<>();
        final List<Long> timedPerProducer = new ArrayList<>();
        for (final ProducerTask task : tasks)
        {
            timerOverheadNs = Math.max(timerOverheadNs, task.timerOverheadNs());
            for (int i = 0; i < plan.size(); i++)
            {
                sentCounts[i] += task.counts()[i];
                sentSums[i] += task.sums()[i];
            }
            recordNs.add(task.recordNs());
            warmUp += task.warmUpEvents();
            timed += task.timedEvents();
            producerBytes += task.allocatedBytes();
            producerCpuNs += task.cpuNs();
            warmUpPerProducer.add(task.warmUpEvents());
            timedPerProducer.add(task.timedEvents());
        }
        final SeriesSnapshot after = SeriesSnapshot.read(engine, plan);
        final Verification verification = Verification.compare(plan, sentCounts, sentSums, before, after);
        final DashboardFigures dashboard = DashboardFigures.collect(engine, plan, before, after, runSeconds, runStartMs);
        return new LoadResult(warmUp, timed, windowSeconds, runSeconds, end.aggregated() - atWindowStart.aggregated(),
            end, RecordCost.of(timerOverheadNs, recordNs), producerBytes, handlerBytes, verification, dashboard,
            List.copyOf(tables), List.copyOf(warmUpPerProducer), List.copyOf(timedPerProducer), producerCpuNs, engineCpuNs);
    }

    private void awaitWarmUp(final RunControl control, final List<ProducerTask> tasks) throws InterruptedException
    {
        if (!control.awaitWarmedUp(WARM_UP_CAP.toMillis()))
        {
            control.endWarmUp();
            while (!control.awaitWarmedUp(100))
            {
                checkFailures(tasks);
                progress.maybePrint("warm-up");
            }
        }
        checkFailures(tasks);
    }

    private void awaitDeadline(final long deadlineNs, final List<ProducerTask> tasks, final RunControl control)
        throws InterruptedException
    {
        long left;
        while ((left = deadlineNs - System.nanoTime()) > 0 && !control.stopped())
        {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, Math.max(progress.nanosToNextLine(), 1_000_000L)));
            progress.maybePrint("run");
            checkFailures(tasks);
        }
    }

    /** @return part {@code part} of {@code total} split over {@code parts} as evenly as possible. */
    static long share(final long total, final int parts, final int part)
    {
        return total / parts + (part < total % parts ? 1 : 0);
    }

    private static boolean join(final Thread thread) throws InterruptedException
    {
        thread.join(200);
        return !thread.isAlive();
    }

    private static void checkFailures(final List<ProducerTask> tasks)
    {
        for (final ProducerTask task : tasks)
        {
            if (task.failure() != null)
            {
                throw new IllegalStateException("a producer failed: " + task.failure(), task.failure());
            }
        }
    }
}

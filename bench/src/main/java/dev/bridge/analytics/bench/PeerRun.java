package dev.bridge.analytics.bench;

import dev.bridge.analytics.config.EngineConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load run's peer baseline: the same producers ({@link ProducerTask}, one thread each, as many as the engine
 * run had) replay exactly the events the engine's producers sent (the same workload tables from the same start, the
 * same warm-up and timed event counts per producer) into Prometheus client_java ({@link PrometheusPeerSeries}), in
 * the same process after the engine run. The timed phase runs from the go until every producer has returned (a
 * Prometheus record is done when the call returns: there is nothing to flush); its CPU is the producers' own,
 * measured by each on its thread (client_java runs no thread of its own). Then the peer's totals are checked
 * against what was sent ({@link PeerVerification}).
 * <p>
 * Thread-safety: {@link #run} is called by one thread and starts and joins its own threads.
 */
public final class PeerRun
{
    /**
     * @param events       events of the timed phase.
     * @param seconds      from the go until every producer returned.
     * @param cpuNs        CPU ns the producers used in the timed phase.
     * @param verification the peer's totals against what was sent.
     */
    public record Result(long events, double seconds, long cpuNs, PeerVerification verification)
    {
        /** @return events / seconds. */
        public double eventsPerSecond()
        {
            return events / seconds;
        }

        /** @return CPU ns per event of the timed phase. */
        public double cpuNsPerEvent()
        {
            return events == 0 ? 0 : (double)cpuNs / events;
        }
    }

    private PeerRun()
    {
    }

    /**
     * @param config          the engine run's configuration (catalog and exported histogram buckets).
     * @param tables          one workload table per producer, as the engine run walked them.
     * @param warmUpEvents    per producer: events it sent in the engine run's warm-up.
     * @param timedEvents     per producer: events it sent in the engine run's timed window.
     */
    public static Result run(
        final EngineConfig config, final List<WorkloadTable> tables, final List<Long> warmUpEvents,
        final List<Long> timedEvents) throws InterruptedException
    {
        final SeriesPlan plan = SeriesPlan.of(config);
        return run(plan, PrometheusPeerSeries.resolve(config, plan), tables, warmUpEvents, timedEvents);
    }

    /** As {@link #run(EngineConfig, List, List, List)}, on given peer series (a test seam). */
    static Result run(
        final SeriesPlan plan, final PrometheusPeerSeries peer, final List<WorkloadTable> tables,
        final List<Long> warmUpEvents, final List<Long> timedEvents) throws InterruptedException
    {
        final int producers = tables.size();
        final RunControl control = new RunControl(producers);
        final List<ProducerTask> tasks = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final ProducerTask task = new ProducerTask(tables.get(p), peer, control, warmUpEvents.get(p),
                timedEvents.get(p), plan.size());
            tasks.add(task);
            final Thread thread = new Thread(task, "peer-producer-" + p);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        try
        {
            while (!control.awaitWarmedUp(100))
            {
                checkFailures(tasks);
            }
            final long startNs = System.nanoTime();
            control.go();
            for (final Thread thread : threads)
            {
                thread.join();
            }
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            checkFailures(tasks);
            return result(plan, peer, tasks, seconds);
        }
        finally
        {
            control.stop();
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    private static Result result(
        final SeriesPlan plan, final PrometheusPeerSeries peer, final List<ProducerTask> tasks, final double seconds)
    {
        final long[] sentCounts = new long[plan.size()];
        final long[] sentSums = new long[plan.size()];
        final List<Long[]> lastValues = new ArrayList<>();
        long timed = 0;
        long cpuNs = 0;
        for (final ProducerTask task : tasks)
        {
            final Long[] last = new Long[plan.size()];
            for (int i = 0; i < plan.size(); i++)
            {
                sentCounts[i] += task.counts()[i];
                sentSums[i] += task.sums()[i];
                last[i] = task.counts()[i] == 0 ? null : task.lastValueSent(i);
            }
            lastValues.add(last);
            timed += task.timedEvents();
            cpuNs += task.cpuNs();
        }
        return new Result(timed, seconds, cpuNs, PeerVerification.compare(plan, peer, sentCounts, sentSums, lastValues));
    }

    private static void checkFailures(final List<ProducerTask> tasks)
    {
        for (final ProducerTask task : tasks)
        {
            if (task.failure() != null)
            {
                throw new IllegalStateException("a peer producer failed: " + task.failure(), task.failure());
            }
        }
    }
}

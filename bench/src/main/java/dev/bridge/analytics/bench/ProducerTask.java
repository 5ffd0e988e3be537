package dev.bridge.analytics.bench;

import org.HdrHistogram.Histogram;

/**
 * One producer thread of the load run: walks its {@link WorkloadTable} and publishes every event through the
 * pre-resolved {@link SeriesRecorder} (the engine's handles or the Prometheus peer's), counting per series what it
 * sent (count and sum). Every 1024th publish is
 * timed with {@link System#nanoTime()} into a producer-local HdrHistogram. A warm-up phase runs the same loop
 * first; its timings are discarded but its events are counted (they are verified with the rest). The timed
 * phase is bracketed by this thread's allocated-bytes counter and its CPU time.
 * <p>
 * The loop does no random draw, no allocation, no lookup: two array loads, a switch, the publish and two array
 * updates per event, and a volatile read of the stop flag every 256 events.
 * <p>
 * Thread-safety: {@link #run()} runs on one producer thread; the result accessors may be read by another thread
 * after that thread has been joined.
 */
public final class ProducerTask implements Runnable
{
    /** Publish calls between two timed ones, minus one. */
    public static final int TIMING_MASK = 1023;
    private static final int STOP_CHECK_MASK = 255;
    private static final long HIGHEST_NS = 10_000_000_000L;

    private final WorkloadTable table;
    private final SeriesRecorder handles;
    private final RunControl control;
    private final long warmUpLimit;
    private final long timedLimit;
    private final long[] counts;
    private final long[] sums;
    private final Histogram recordNs = new Histogram(HIGHEST_NS, 3);
    private long timerOverheadNs;
    private int position;
    private long calls;
    private long warmUpEvents;
    private long timedEvents;
    private long allocatedBytes;
    private long cpuNs;
    private volatile Throwable failure;

    /**
     * @param table       the events to walk.
     * @param handles     resolved handles (or peer data points), shared.
     * @param control     phases and stop flags, shared.
     * @param warmUpLimit events of the warm-up at most (it may end earlier: {@link RunControl#endWarmUp()}).
     * @param timedLimit  events of the timed phase at most ({@link Long#MAX_VALUE} in duration mode).
     * @param seriesCount size of the series plan.
     */
    public ProducerTask(
        final WorkloadTable table, final SeriesRecorder handles, final RunControl control, final long warmUpLimit,
        final long timedLimit, final int seriesCount)
    {
        this.table = table;
        this.handles = handles;
        this.control = control;
        this.warmUpLimit = warmUpLimit;
        this.timedLimit = timedLimit;
        this.counts = new long[seriesCount];
        this.sums = new long[seriesCount];
    }

    @Override
    public void run()
    {
        try
        {
            warmUpEvents = loop(warmUpLimit, true);
            timerOverheadNs = TimerOverhead.measureNs();
            recordNs.reset();
            control.warmedUpAwaitGo();
            final long before = ThreadAllocation.currentThread();
            final long cpuBefore = ThreadCpu.currentThread();
            timedEvents = loop(timedLimit, false);
            cpuNs = ThreadCpu.currentThread() - cpuBefore;
            allocatedBytes = ThreadAllocation.currentThread() - before;
        }
        catch (final Throwable ex)
        {
            failure = ex;
            control.stop();
        }
    }

    private long loop(final long limit, final boolean warmUp)
    {
        final int[] seriesOf = table.seriesIndexes();
        final long[] valueOf = table.values();
        final int mask = table.mask();
        final long[] counts = this.counts;
        final long[] sums = this.sums;
        final SeriesRecorder handles = this.handles;
        final Histogram recordNs = this.recordNs;
        int pos = position;
        long calls = this.calls;
        long sent = 0;
        while (sent < limit)
        {
            if ((sent & STOP_CHECK_MASK) == 0 && control.shouldStop(warmUp))
            {
                break;
            }
            final int s = seriesOf[pos];
            final long v = valueOf[pos];
            if ((calls & TIMING_MASK) == 0)
            {
                final long start = System.nanoTime();
                handles.publish(s, v);
                final long ns = System.nanoTime() - start - timerOverheadNs;
                recordNs.recordValue(ns < 0 ? 0 : ns < HIGHEST_NS ? ns : HIGHEST_NS);
            }
            else
            {
                handles.publish(s, v);
            }
            calls++;
            counts[s]++;
            sums[s] += v;
            pos = (pos + 1) & mask;
            sent++;
        }
        position = pos;
        this.calls = calls;
        return sent;
    }

    /** @return events sent per series index, warm-up included. */
    public long[] counts()
    {
        return counts;
    }

    /** @return sum of the values sent per series index, warm-up included. */
    public long[] sums()
    {
        return sums;
    }

    /** @return events sent during the warm-up. */
    public long warmUpEvents()
    {
        return warmUpEvents;
    }

    /** @return events sent during the timed phase. */
    public long timedEvents()
    {
        return timedEvents;
    }

    /** @return bytes this thread allocated during the timed phase. */
    public long allocatedBytes()
    {
        return allocatedBytes;
    }

    /** @return CPU ns this thread used during the timed phase. */
    public long cpuNs()
    {
        return cpuNs;
    }

    /**
     * @return the value of the last event this task sent on {@code seriesIndex} (the table walked back from where
     *     the task stopped); call only when {@link #counts()} has sent events on it.
     */
    public long lastValueSent(final int seriesIndex)
    {
        final int[] seriesOf = table.seriesIndexes();
        final int mask = table.mask();
        int pos = position;
        for (int i = 0; i < seriesOf.length; i++)
        {
            pos = (pos - 1) & mask;
            if (seriesOf[pos] == seriesIndex)
            {
                return table.values()[pos];
            }
        }
        throw new IllegalStateException("series " + seriesIndex + " is not in the table");
    }

    /** @return the median cost of a back-to-back {@code nanoTime()} pair on this thread, subtracted from each sample. */
    public long timerOverheadNs()
    {
        return timerOverheadNs;
    }

    /** @return the timed publish costs of the timed phase, in ns. */
    public Histogram recordNs()
    {
        return recordNs;
    }

    /** @return the exception that ended the task, or null. */
    public Throwable failure()
    {
        return failure;
    }
}

package dev.bridge.analytics.bench.querybench;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.TimeRange;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The query loop of {@code analytics bench --query-loop}: one more thread that runs
 * {@code queries.dashboard(TimeRange.LAST_MINUTE)} during the load run's timed window, back to back (interval 0)
 * or one every interval (each started {@code interval} after the previous one started; a query that takes longer
 * is followed at once by the next), timing each call into an HdrHistogram.
 * <p>
 * Thread-safety: {@link #start} and {@link #stop} are called by the thread that runs the load (once each; stop
 * is idempotent and also safe without a start); the loop thread owns the histogram until {@link #stop} joins it.
 */
public final class QueryLoop implements Runnable
{
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);

    private final Duration interval;
    private final Histogram latencyNs = new Histogram(HIGHEST_NS, 3);
    private volatile boolean running;
    private AnalyticsQueries queries;
    private Thread thread;
    private long startNs;
    private long endNs;
    private Throwable failure;
    private Result result;

    /** @param interval time between query starts; {@link Duration#ZERO} for back to back. */
    public QueryLoop(final Duration interval)
    {
        if (interval.isNegative())
        {
            throw new IllegalArgumentException("interval must not be negative, was " + interval);
        }
        this.interval = interval;
    }

    /** Starts the loop thread on {@code queries}. */
    public void start(final AnalyticsQueries queries)
    {
        if (thread != null)
        {
            throw new IllegalStateException("the query loop runs already");
        }
        this.queries = queries;
        running = true;
        thread = new Thread(this, "bench-query-loop");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run()
    {
        final long intervalNs = interval.toNanos();
        startNs = System.nanoTime();
        long nextNs = startNs;
        try
        {
            while (running)
            {
                final long t0 = System.nanoTime();
                queries.dashboard(TimeRange.LAST_MINUTE);
                final long ns = System.nanoTime() - t0;
                latencyNs.recordValue(Math.min(ns, HIGHEST_NS));
                if (intervalNs > 0)
                {
                    nextNs += intervalNs;
                    long left;
                    while (running && (left = nextNs - System.nanoTime()) > 0)
                    {
                        LockSupport.parkNanos(left);
                    }
                    nextNs = Math.max(nextNs, System.nanoTime() - intervalNs);
                }
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
        finally
        {
            endNs = System.nanoTime();
        }
    }

    /**
     * Stops the loop (the query under way completes) and joins the thread.
     *
     * @return what it ran; null when it was never started.
     */
    public Result stop() throws InterruptedException
    {
        if (thread == null)
        {
            return null;
        }
        if (result == null)
        {
            running = false;
            thread.join();
            result = new Result(interval, latencyNs.getTotalCount(), (endNs - startNs) / 1e9,
                micros(latencyNs.getValueAtPercentile(50)), micros(latencyNs.getValueAtPercentile(90)),
                micros(latencyNs.getValueAtPercentile(99)), micros(latencyNs.getMaxValue()),
                failure == null ? null : failure.toString());
        }
        return result;
    }

    private static double micros(final long ns)
    {
        return ns / 1e3;
    }

    /**
     * What the loop ran. Immutable; thread-safe.
     *
     * @param interval time between query starts, zero for back to back.
     * @param queries  dashboards computed.
     * @param seconds  how long the loop ran.
     * @param medianUs median latency of a dashboard, microseconds (HdrHistogram, 3 digits).
     * @param p90Us    90th percentile, microseconds.
     * @param p99Us    99th percentile, microseconds.
     * @param maxUs    slowest, microseconds.
     * @param failure  the exception that ended the loop early, or null.
     */
    public record Result(
        Duration interval, long queries, double seconds, double medianUs, double p90Us, double p99Us, double maxUs,
        String failure)
    {
        /** @return {@code back to back} or {@code every 10 ms}. */
        public String pacing()
        {
            return interval.isZero() ? "back to back" : "every " + interval.toMillis() + " ms";
        }
    }
}

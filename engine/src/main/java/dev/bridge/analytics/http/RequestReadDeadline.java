package dev.bridge.analytics.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code read_timeout}: a request's line and headers must all arrive within this time of its first bytes, however
 * slowly they trickle (the idle timeout alone lets a client that sends a byte now and then hold a connection for
 * ever). Every quarter of the timeout a sweep looks at each open connection's counters (bytes received, requests
 * whose headers completed, both kept by Jetty): bytes arrived since the last completed request and no request
 * completed for at least {@code read_timeout} means a request is being trickled, and the connection is closed
 * (counted in {@link HttpRefusals#readTimeouts()}). A request being answered, however long, and an idle kept-alive
 * connection are never touched by it. Acts within 1.25 times the timeout.
 * <p>
 * Thread-safety: {@link #onOpened}/{@link #onClosed} are called by Jetty's threads; the progress of each connection
 * is read and written only by the sweep, which runs on the scheduler's single thread.
 */
final class RequestReadDeadline extends AbstractLifeCycle implements Connection.Listener
{
    private static final long NONE = Long.MIN_VALUE;

    private final Scheduler scheduler;
    private final long timeoutNs;
    private final long sweepPeriodNs;
    private final HttpRefusals refusals;
    private final Map<Connection, Progress> connections = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    RequestReadDeadline(final Scheduler scheduler, final Duration timeout, final HttpRefusals refusals)
    {
        this.scheduler = scheduler;
        this.timeoutNs = timeout.toNanos();
        this.sweepPeriodNs = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeoutNs / 4);
        this.refusals = refusals;
    }

    @Override
    public void onOpened(final Connection connection)
    {
        connections.put(connection, new Progress());
    }

    @Override
    public void onClosed(final Connection connection)
    {
        connections.remove(connection);
    }

    @Override
    protected void doStart()
    {
        scheduleSweep();
    }

    @Override
    protected void doStop()
    {
        final Scheduler.Task task = next;
        if (task != null)
        {
            task.cancel();
        }
        connections.clear();
    }

    private void scheduleSweep()
    {
        next = scheduler.schedule(this::sweep, sweepPeriodNs, TimeUnit.NANOSECONDS);
    }

    private void sweep()
    {
        if (!isRunning())
        {
            return;
        }
        final long nowNs = System.nanoTime();
        for (final Map.Entry<Connection, Progress> entry : connections.entrySet())
        {
            if (entry.getValue().trickled(entry.getKey(), nowNs, timeoutNs))
            {
                refusals.onReadTimeout();
                entry.getKey().close();
            }
        }
        scheduleSweep();
    }

    /** What the sweep saw of one connection. Confined to the sweep's thread. */
    private static final class Progress
    {
        private long requests;
        private long bytesAtLastRequest;
        private long partialSinceNs = NONE;

        /** @return true when bytes of a request have been arriving for {@code timeoutNs} without completing it. */
        boolean trickled(final Connection connection, final long nowNs, final long timeoutNs)
        {
            final long requestsNow = connection.getMessagesIn();
            final long bytesNow = connection.getBytesIn();
            if (requestsNow != requests)
            {
                requests = requestsNow;
                bytesAtLastRequest = bytesNow;
                partialSinceNs = NONE;
                return false;
            }
            if (bytesNow <= bytesAtLastRequest)
            {
                return false;
            }
            if (partialSinceNs == NONE)
            {
                partialSinceNs = nowNs;
                return false;
            }
            return nowNs - partialSinceNs >= timeoutNs;
        }
    }
}

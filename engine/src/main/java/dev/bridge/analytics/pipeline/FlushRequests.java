package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.Sequence;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The flush protocol between callers of {@code flush()} and the committing consumers. A caller raises the
 * requested sequence to the ring cursor it saw, takes a ticket and wakes the consumers; each committing consumer
 * reads the newest ticket before it folds the counter cells ({@link CounterFolder}), and once it has processed the
 * requested sequence, commits, then raises its committed sequence and its served ticket. A caller returns once every
 * committing consumer has committed its sequence and served its ticket: the ring events published before the call
 * and the counter cells written before it are then aggregated and committed (the ticket is what covers the cells,
 * which the ring cursor does not see). Thread-safe (volatile/CAS sequences).
 */
public final class FlushRequests
{
    private final Sequence requested = new Sequence(-1);
    private final AtomicLong tickets = new AtomicLong();

    /**
     * Raises the request to {@code sequence} (never lowers it).
     *
     * @return the caller's ticket: served once a consumer committed after reading a ticket at least this high.
     */
    public long request(final long sequence)
    {
        long current;
        do
        {
            current = requested.get();
            if (current >= sequence)
            {
                break;
            }
        }
        while (!requested.compareAndSet(current, sequence));
        return tickets.incrementAndGet();
    }

    /** @return the newest ticket handed out (volatile read): read it before folding, serve it with the commit. */
    public long ticket()
    {
        return tickets.get();
    }

    /**
     * @return true when a consumer that processed up to {@code processed}, committed up to {@code committed} and
     *         served tickets up to {@code served} must commit now.
     */
    public boolean due(final long processed, final long committed, final long served)
    {
        final long target = requested.get();
        return processed >= target && (target > committed || tickets.get() > served);
    }
}

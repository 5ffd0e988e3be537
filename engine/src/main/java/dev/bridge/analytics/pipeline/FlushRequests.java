package dev.bridge.analytics.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The flush protocol between callers of {@code flush()} and the committing consumers. A caller takes a ticket and
 * wakes the consumers; each consumer reads the newest ticket at the start of a pass and, when it is new, records
 * every ring's cursor as its target (after the ticket read: every ring and event published before the call is
 * seen); it serves the ticket with the first commit after a pass in which its stage read every ring up to its
 * target, and that commit folds the counter cells after the ticket read. A caller returns once every committing
 * consumer has served its ticket: the ring events published before the call and the counter cells written before it
 * are then aggregated and committed. Thread-safe (atomic ticket).
 */
public final class FlushRequests
{
    private final AtomicLong tickets = new AtomicLong();

    /** @return the caller's ticket: served once a consumer committed after reaching the targets of a ticket at least this high. */
    public long request()
    {
        return tickets.incrementAndGet();
    }

    /** @return the newest ticket handed out (volatile read). */
    public long ticket()
    {
        return tickets.get();
    }
}

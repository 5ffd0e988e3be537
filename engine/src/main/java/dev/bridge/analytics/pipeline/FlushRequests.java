package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.Sequence;

/**
 * The flush protocol between callers of {@code flush()} and the committing consumers. A caller raises the
 * requested sequence to the ring cursor it saw and wakes the consumers; each committing consumer, once it has
 * processed that sequence, commits and raises its committed sequence. Thread-safe (volatile/CAS sequences).
 */
public final class FlushRequests
{
    private final Sequence requested = new Sequence(-1);

    /** Raises the request to {@code sequence} (never lowers it). */
    public void request(final long sequence)
    {
        long current;
        do
        {
            current = requested.get();
            if (current >= sequence)
            {
                return;
            }
        }
        while (!requested.compareAndSet(current, sequence));
    }

    /** @return true when a consumer that processed up to {@code processed} and committed up to {@code committed} must commit now. */
    public boolean due(final long processed, final long committed)
    {
        final long target = requested.get();
        return target > committed && processed >= target;
    }
}

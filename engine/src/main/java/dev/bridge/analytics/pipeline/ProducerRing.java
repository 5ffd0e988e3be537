package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

/**
 * One ring of {@link ProducerRings}: a preallocated Disruptor ring (single-producer for a recording thread's own
 * ring, multi-producer for the shared fallback ring), one {@link EventPoller} per consumer stage, and its owner.
 * <pre>
 *   producer ──publish──► ring ──► poller[0] (classify, or every stage with single_thread)
 *                                    └─► poller[1] bucket, poller[2] histogram (per_stage; gated on poller[0])
 *   the ring is gated on the last stages' sequences: a producer never overwrites a slot a stage has not read
 * </pre>
 * Thread-safety: {@link #ring()} is written by its owner thread only (or by any thread for the shared ring);
 * {@link #poller(int)} is polled by that stage's consumer thread only; {@link #owner} changes under the registry's
 * lock (see {@link ProducerRings}).
 */
final class ProducerRing
{
    private final RingBuffer<MetricEvent> ring;
    private final EventPoller<MetricEvent>[] pollers;
    private final Sequence[] lastStages;
    /** The recording thread that owns the ring; null while free (and always for the shared ring). Registry lock. */
    private volatile Thread owner;

    @SuppressWarnings("unchecked")
    ProducerRing(final RingBuffer<MetricEvent> ring, final int stages)
    {
        this.ring = ring;
        pollers = new EventPoller[stages];
        pollers[0] = ring.newPoller();
        for (int i = 1; i < stages; i++)
        {
            pollers[i] = ring.newPoller(pollers[0].getSequence());
        }
        lastStages = new Sequence[stages == 1 ? 1 : stages - 1];
        for (int i = 0; i < lastStages.length; i++)
        {
            lastStages[i] = pollers[stages == 1 ? 0 : i + 1].getSequence();
        }
        ring.addGatingSequences(lastStages);
    }

    RingBuffer<MetricEvent> ring()
    {
        return ring;
    }

    EventPoller<MetricEvent> poller(final int stage)
    {
        return pollers[stage];
    }

    /** @return true when {@code stage} may have events to read (its upstream is ahead of it; volatile reads). */
    boolean hasWork(final int stage)
    {
        final long upstream = stage == 0 ? ring.getCursor() : pollers[0].getSequence().get();
        return upstream > pollers[stage].getSequence().get();
    }

    /** @return true when {@code stage} has read every event up to {@code sequence}. */
    boolean reached(final int stage, final long sequence)
    {
        return pollers[stage].getSequence().get() >= sequence;
    }

    /** @return true when every stage has read every published event (volatile reads). */
    boolean drained()
    {
        final long cursor = ring.getCursor();
        for (final EventPoller<MetricEvent> poller : pollers)
        {
            if (poller.getSequence().get() < cursor)
            {
                return false;
            }
        }
        return true;
    }

    /** Stops gating the ring (after close): its producers never wait again, their events are discarded. */
    void ungate()
    {
        for (final Sequence s : lastStages)
        {
            ring.removeGatingSequence(s);
        }
    }

    Thread owner()
    {
        return owner;
    }

    void owner(final Thread thread)
    {
        owner = thread;
    }
}

package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;

/**
 * A single-producer ring per recording thread: the registry behind {@link EventPublisher}. A thread's first event
 * claims a ring (a free one, else a new one of {@code ringSize} slots: the only allocation), found again through a
 * {@link ThreadLocal}; the thread then publishes without a CAS or a cache line shared with other producers. At most
 * {@code maxRings} rings exist; a thread that finds none free and the bound reached publishes into the shared
 * multi-producer ring for the rest of its life, counted once in {@code engine_producer_ring_fallbacks}.
 * <p>
 * Reuse: the consumer calls {@link #reclaimDead()}; a ring whose owner has terminated ({@code isAlive() == false},
 * which makes the owner's last writes visible) and whose every stage has read every event is freed, under this
 * object's lock, and the next new thread takes it over under the same lock (the handoff that makes the old owner's
 * producer-side state visible to the new one). Rings are never deallocated: their cursors only grow, so
 * {@link #publishedCount()} and flush targets stay exact across reuse.
 * <p>
 * Thread-safety: {@link #producerRingOfCurrentThread()} from any thread (lock-free after the thread's first call);
 * claiming, freeing and {@link #close()} take this object's lock (rare); the ring array is copy-on-write, read
 * without a lock by the consumers.
 * <p>
 * A reused ring is published to by a new thread after the handoff above. The Disruptor's
 * {@code SingleProducerSequencer} asserts (with {@code -ea}) that one thread ever calls it, which reuse
 * deliberately breaks; this class turns that assertion off for the sequencer class before it is first loaded. (A JVM
 * that loaded the sequencer with assertions on before the engine would trip it on reuse: run without {@code -ea} for
 * {@code com.lmax.disruptor}.)
 */
public final class ProducerRings
{
    private static final ProducerRing[] NONE = new ProducerRing[0];

    static
    {
        final ClassLoader loader = RingBuffer.class.getClassLoader();
        if (loader != null)
        {
            loader.setClassAssertionStatus("com.lmax.disruptor.SingleProducerSequencer", false);
        }
    }

    private final int ringSize;
    private final int maxRings;
    private final int stages;
    private final WaitStrategy signal;
    private final ProducerRing shared;
    private final ThreadLocal<ProducerRing> local = new ThreadLocal<>();
    private final AtomicCounter inUseCounter;
    private final AtomicCounter fallbackCounter;
    /** Copy-on-write under the lock, never shrinks. */
    private volatile ProducerRing[] rings = NONE;
    /** Under the lock. */
    private int inUse;
    private boolean closed;

    /**
     * @param sharedRingSize  slots of the shared multi-producer ring ({@code engine.ring_size}).
     * @param ringSize        slots of each thread's ring ({@code engine.producer_ring_size}).
     * @param maxRings        most per-thread rings ({@code engine.max_producer_threads}).
     * @param stages          consumer stages reading each ring: 1 (single_thread) or 3 (per_stage).
     * @param signal          every ring's wait strategy: wakes a parked consumer (see {@link ConsumerSignal}).
     */
    public ProducerRings(
        final int sharedRingSize, final int ringSize, final int maxRings, final int stages, final WaitStrategy signal,
        final AtomicCounter inUseCounter, final AtomicCounter fallbackCounter)
    {
        this.ringSize = ringSize;
        this.maxRings = maxRings;
        this.stages = stages;
        this.signal = signal;
        this.inUseCounter = inUseCounter;
        this.fallbackCounter = fallbackCounter;
        shared = new ProducerRing(RingBuffer.createMultiProducer(MetricEvent.FACTORY, sharedRingSize, signal), stages);
    }

    /**
     * @return the calling thread's ring (claimed on its first call) or the shared ring. Allocation-free after that;
     *         {@link SeriesPublisher} caches its first thread's ring, so this thread-local lookup is its slow path.
     */
    ProducerRing producerRingOfCurrentThread()
    {
        final ProducerRing ring = local.get();
        return ring != null ? ring : claim();
    }

    private synchronized ProducerRing claim()
    {
        ProducerRing claimed = null;
        if (!closed)
        {
            for (final ProducerRing ring : rings)
            {
                if (ring.owner() == null)
                {
                    claimed = ring;
                    break;
                }
            }
            if (claimed == null && rings.length < maxRings)
            {
                claimed = new ProducerRing(RingBuffer.createSingleProducer(MetricEvent.FACTORY, ringSize, signal), stages);
                final ProducerRing[] grown = Arrays.copyOf(rings, rings.length + 1);
                grown[grown.length - 1] = claimed;
                rings = grown;
            }
        }
        if (claimed == null)
        {
            if (!closed)
            {
                fallbackCounter.increment();
            }
            local.set(shared);
            return shared;
        }
        claimed.owner(Thread.currentThread());
        inUseCounter.setRelease(++inUse);
        local.set(claimed);
        return claimed;
    }

    /**
     * Frees every ring whose owner has terminated and whose events every stage has read. Consumer thread (the one
     * that runs it; any thread is safe); allocation-free; takes the lock only when it frees a ring.
     *
     * @return rings freed.
     */
    int reclaimDead()
    {
        int freed = 0;
        for (final ProducerRing ring : rings)
        {
            final Thread owner = ring.owner();
            if (owner != null && !owner.isAlive() && ring.drained()) // isAlive first: the owner's writes are visible
            {
                freed += free(ring, owner);
            }
        }
        return freed;
    }

    private synchronized int free(final ProducerRing ring, final Thread owner)
    {
        if (ring.owner() != owner)
        {
            return 0;
        }
        ring.owner(null);
        inUseCounter.setRelease(--inUse);
        return 1;
    }

    /** Stops gating every ring: producers (also those that claim a ring later) never wait, their events are discarded. */
    synchronized void close()
    {
        closed = true;
        shared.ungate();
        for (final ProducerRing ring : rings)
        {
            ring.ungate();
        }
    }

    /** @return the shared multi-producer ring. */
    ProducerRing shared()
    {
        return shared;
    }

    /** @return the per-thread rings (volatile read; the array is never changed in place, only replaced). */
    ProducerRing[] rings()
    {
        return rings;
    }

    /** @return the largest number of rings {@link #cursors} writes: the shared ring plus the bound. */
    int capacity()
    {
        return maxRings + 1;
    }

    /**
     * Writes the cursor of the shared ring then of every per-thread ring into {@code into} (a flush target).
     *
     * @return how many were written.
     */
    int cursors(final long[] into)
    {
        final ProducerRing[] current = rings;
        into[0] = shared.ring().getCursor();
        for (int i = 0; i < current.length; i++)
        {
            into[i + 1] = current[i].ring().getCursor();
        }
        return current.length + 1;
    }

    /** @return true when {@code stage} has read, in every ring, up to the cursor {@link #cursors} wrote. */
    boolean reached(final int stage, final long[] targets, final int count)
    {
        if (!shared.reached(stage, targets[0]))
        {
            return false;
        }
        final ProducerRing[] current = rings;
        for (int i = 1; i < count; i++)
        {
            if (!current[i - 1].reached(stage, targets[i]))
            {
                return false;
            }
        }
        return true;
    }

    /** @return true when {@code stage} may have events to read in some ring. */
    boolean hasWork(final int stage)
    {
        if (shared.hasWork(stage))
        {
            return true;
        }
        for (final ProducerRing ring : rings)
        {
            if (ring.hasWork(stage))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return events published so far into every ring (claimed slots of the shared ring). Exact once the producers
     *         have stopped. Allocation-free, any thread.
     */
    long publishedCount()
    {
        long published = shared.ring().getCursor() + 1;
        for (final ProducerRing ring : rings)
        {
            published += ring.ring().getCursor() + 1;
        }
        return published;
    }

    /** @return per-thread rings owned by a live (or not yet reclaimed) thread. */
    public synchronized int inUse()
    {
        return inUse;
    }

    /** @return per-thread rings allocated so far (never more than the bound). */
    public int allocated()
    {
        return rings.length;
    }

    /** @return free slots of the shared ring. */
    public long sharedRemainingCapacity()
    {
        return shared.ring().remainingCapacity();
    }
}

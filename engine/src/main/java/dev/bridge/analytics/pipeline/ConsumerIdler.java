package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.WaitStrategyType;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How one consumer thread waits when a pass over the rings found nothing: spin, yield, sleep or park as the
 * configured {@code wait_strategy}, never past its tick deadline. In {@code blocking} mode it announces that it is
 * parked ({@link #parked()}, a volatile flag), re-checks the rings and the wake-ups, and parks until a producer,
 * a flush or the deadline wakes it. Thread-safety: {@link #idle} on the owning consumer thread only;
 * {@link #parked()} and {@link #unpark()} from any thread.
 */
final class ConsumerIdler
{
    static final int SPIN_TRIES = 200;
    private static final long SLEEP_NS = 100_000L;

    private final WaitStrategyType type;
    private volatile Thread thread;
    private volatile boolean parked;

    ConsumerIdler(final WaitStrategyType type)
    {
        this.type = type;
    }

    /** Binds the idler to the calling (consumer) thread. */
    void bindToCurrentThread()
    {
        thread = Thread.currentThread();
    }

    /**
     * Waits once.
     *
     * @param idleCount   idle passes since the last work (0 first).
     * @param deadlineNs  the tick deadline ({@code System.nanoTime()} base), 0 when not set yet.
     * @param stillIdle   re-checked after the parked flag is set (blocking mode): true when nothing arrived.
     */
    void idle(final int idleCount, final long deadlineNs, final BooleanSupplier stillIdle)
    {
        final int left = SPIN_TRIES - idleCount;
        switch (type)
        {
            case BUSY_SPIN -> Thread.onSpinWait();
            case YIELDING ->
            {
                if (left > 100)
                {
                    Thread.onSpinWait();
                }
                else
                {
                    Thread.yield();
                }
            }
            case SLEEPING ->
            {
                if (left > 100)
                {
                    Thread.onSpinWait();
                }
                else if (left > 0)
                {
                    Thread.yield();
                }
                else
                {
                    LockSupport.parkNanos(SLEEP_NS);
                }
            }
            default -> park(deadlineNs, stillIdle);
        }
    }

    private void park(final long deadlineNs, final BooleanSupplier stillIdle)
    {
        if (deadlineNs == 0)
        {
            Thread.onSpinWait();
            return;
        }
        parked = true; // volatile store before the re-check: a producer that publishes after it sees the flag
        try
        {
            final long leftNs = deadlineNs - System.nanoTime();
            if (leftNs > 0 && stillIdle.getAsBoolean())
            {
                LockSupport.parkNanos(this, leftNs);
            }
        }
        finally
        {
            parked = false;
        }
    }

    /** @return true while the consumer is parked or about to park (volatile read). */
    boolean parked()
    {
        return parked;
    }

    /** Unparks the consumer thread (harmless when it is not parked). */
    void unpark()
    {
        final Thread t = thread;
        if (t != null)
        {
            LockSupport.unpark(t);
        }
    }

    /** @return true when the strategy parks until signalled (the clock is then read on every idle pass). */
    boolean blocking()
    {
        return type == WaitStrategyType.BLOCKING;
    }
}

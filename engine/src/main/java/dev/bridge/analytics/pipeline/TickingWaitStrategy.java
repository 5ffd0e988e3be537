package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import dev.bridge.analytics.config.WaitStrategyType;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The consumer's wait strategy: blocking, sleeping, yielding or busy-spin as the Disruptor's own, plus a tick. A
 * consumer that has waited {@code tickNs} without an event, or that {@link #wakeUp()} asked to, gets a
 * {@link TimeoutException} (a stackless singleton), which the Disruptor turns into {@code onTimeout}: that is where
 * buckets close, commits happen and flushes are served while no traffic arrives. The clock is read only while idle.
 * <p>
 * Thread-safe. Producers pay nothing for the tick: {@link #signalAllWhenBlocking()} only locks and signals in
 * blocking mode, as the Disruptor's {@code BlockingWaitStrategy} does.
 */
public final class TickingWaitStrategy implements WaitStrategy
{
    private static final int SPIN_TRIES = 200;
    private static final long SLEEP_NS = 100_000L;

    private final WaitStrategyType type;
    private final long tickNs;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition processorNotify = lock.newCondition();
    private final java.util.concurrent.atomic.AtomicLong wakeUps = new java.util.concurrent.atomic.AtomicLong();

    public TickingWaitStrategy(final WaitStrategyType type, final long tickNs)
    {
        this.type = type;
        this.tickNs = tickNs;
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException, TimeoutException
    {
        long available = dependentSequence.get();
        if (available >= sequence)
        {
            return available;
        }
        final long wakeUpsAtStart = wakeUps.get();
        long deadlineNs = 0;
        int counter = SPIN_TRIES;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (wakeUps.get() != wakeUpsAtStart)
            {
                throw TimeoutException.INSTANCE;
            }
            if ((counter & 0xF) == 0)
            {
                // the clock is read only once the consumer has spun for a while: not per batch
                final long nowNs = System.nanoTime();
                if (deadlineNs == 0)
                {
                    deadlineNs = nowNs + tickNs;
                }
                else if (nowNs - deadlineNs >= 0)
                {
                    throw TimeoutException.INSTANCE;
                }
            }
            counter = idle(counter, cursor, sequence, deadlineNs);
        }
        return available;
    }

    private int idle(final int counter, final Sequence cursor, final long sequence, final long deadlineNs)
        throws InterruptedException
    {
        switch (type)
        {
            case BUSY_SPIN:
                Thread.onSpinWait();
                return counter - 1;
            case YIELDING:
                if (counter > 100)
                {
                    Thread.onSpinWait();
                }
                else
                {
                    Thread.yield();
                }
                return counter > 0 ? counter - 1 : 0;
            case SLEEPING:
                if (counter > 100)
                {
                    Thread.onSpinWait();
                }
                else if (counter > 0)
                {
                    Thread.yield();
                }
                else
                {
                    LockSupport.parkNanos(SLEEP_NS);
                }
                return counter > 0 ? counter - 1 : 0;
            case BLOCKING:
            default:
                if (cursor.get() < sequence)
                {
                    lock.lock();
                    try
                    {
                        final long leftNs = deadlineNs == 0 ? tickNs : deadlineNs - System.nanoTime();
                        if (cursor.get() < sequence && leftNs > 0)
                        {
                            processorNotify.awaitNanos(leftNs);
                        }
                    }
                    finally
                    {
                        lock.unlock();
                    }
                }
                return 0;
        }
    }

    /** Makes every waiting consumer return to its handler's {@code onTimeout} now (a flush was asked for). */
    public void wakeUp()
    {
        wakeUps.incrementAndGet();
        if (type == WaitStrategyType.BLOCKING)
        {
            signal();
        }
    }

    @Override
    public void signalAllWhenBlocking()
    {
        if (type == WaitStrategyType.BLOCKING)
        {
            signal();
        }
    }

    private void signal()
    {
        lock.lock();
        try
        {
            processorNotify.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public String toString()
    {
        return "TickingWaitStrategy{" + type + ", tick=" + TimeUnit.NANOSECONDS.toMillis(tickNs) + "ms}";
    }
}

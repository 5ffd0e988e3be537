package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import dev.bridge.analytics.config.WaitStrategyType;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wakes parked consumers: the wait strategy of every ring (the consumers poll, so only
 * {@link #signalAllWhenBlocking()}, called by each publish, is used) and the flush wake-up. Producers pay nothing
 * unless the strategy is {@code blocking}: then a publish makes a full fence and reads the first stage's
 * {@link ConsumerIdler#parked()} flags, and unparks only a consumer that announced it is parked (the consumer sets
 * its flag, then re-checks the rings before it parks: one of the two always sees the other). With the other
 * strategies consumers never park for longer than 100 us, so producers never signal. Thread-safe.
 */
public final class ConsumerSignal implements WaitStrategy
{
    private final boolean blocking;
    private final AtomicLong wakeUps = new AtomicLong();
    private volatile ConsumerIdler[] firstStage = new ConsumerIdler[0];
    private volatile ConsumerIdler[] all = new ConsumerIdler[0];

    public ConsumerSignal(final WaitStrategyType type)
    {
        blocking = type == WaitStrategyType.BLOCKING;
    }

    /** Registers the idlers: those producers wake ({@code firstStage}) and every one (flush wake-ups). Setup only. */
    void idlers(final ConsumerIdler[] firstStage, final ConsumerIdler[] all)
    {
        this.firstStage = firstStage.clone();
        this.all = all.clone();
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
    {
        throw new UnsupportedOperationException("the consumers poll; nothing waits on a barrier");
    }

    @Override
    public void signalAllWhenBlocking()
    {
        if (blocking)
        {
            VarHandle.fullFence(); // the cursor store before the flag load (the consumer does the reverse)
            wake(firstStage);
        }
    }

    /** Makes every consumer run its maintenance now (a flush was asked for): counted, and parked ones unparked. */
    public void wakeUp()
    {
        wakeUps.incrementAndGet();
        wake(all);
    }

    /** @return wake-ups so far (volatile read): a consumer that sees it change stops idling. */
    long wakeUps()
    {
        return wakeUps.get();
    }

    /** Unparks those of {@code idlers} that announced they are parked. Allocation-free. */
    static void wake(final ConsumerIdler[] idlers)
    {
        for (final ConsumerIdler idler : idlers)
        {
            if (idler.parked())
            {
                idler.unpark();
            }
        }
    }

    /** @return the idlers of every consumer (volatile read). */
    ConsumerIdler[] all()
    {
        return all;
    }
}

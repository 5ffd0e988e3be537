package dev.bridge.analytics.testing;

import org.agrona.concurrent.EpochClock;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An epoch clock that tests set and advance; reads are volatile. Optionally blocks readers until released. */
public final class ManualClock implements EpochClock
{
    private volatile long timeMs;
    private volatile boolean blocked;
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();

    public ManualClock(final long startMs)
    {
        timeMs = startMs;
    }

    @Override
    public long time()
    {
        if (blocked)
        {
            waiting.add(Thread.currentThread());
            while (blocked)
            {
                Thread.onSpinWait();
            }
            waiting.remove(Thread.currentThread());
        }
        return timeMs;
    }

    public void set(final long ms)
    {
        timeMs = ms;
    }

    public void advance(final long ms)
    {
        timeMs += ms;
    }

    /** Makes every reader wait in {@link #time()} until {@link #release()}. */
    public void block()
    {
        blocked = true;
    }

    /** @return true while {@code thread} waits in {@link #time()} for {@link #release()}. */
    public boolean isWaiting(final Thread thread)
    {
        return waiting.contains(thread);
    }

    /** @return true while a thread named {@code name} waits in {@link #time()} for {@link #release()}. */
    public boolean isWaiting(final String name)
    {
        return waiting.stream().anyMatch(t -> t.getName().equals(name));
    }

    public void release()
    {
        blocked = false;
    }
}

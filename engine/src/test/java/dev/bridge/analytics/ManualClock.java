package dev.bridge.analytics;

import org.agrona.concurrent.EpochClock;

/** An epoch clock that tests set and advance; reads are volatile. Optionally blocks readers until released. */
public final class ManualClock implements EpochClock
{
    private volatile long timeMs;
    private volatile boolean blocked;

    public ManualClock(final long startMs)
    {
        timeMs = startMs;
    }

    @Override
    public long time()
    {
        while (blocked)
        {
            Thread.onSpinWait();
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

    public void release()
    {
        blocked = false;
    }
}

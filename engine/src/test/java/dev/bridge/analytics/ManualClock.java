package dev.bridge.analytics;

import org.agrona.concurrent.EpochClock;

/** An epoch clock that tests set and advance; reads are volatile. Optionally blocks readers until released. */
final class ManualClock implements EpochClock
{
    private volatile long timeMs;
    private volatile boolean blocked;

    ManualClock(final long startMs)
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

    void set(final long ms)
    {
        timeMs = ms;
    }

    void advance(final long ms)
    {
        timeMs += ms;
    }

    /** Makes every reader wait in {@link #time()} until {@link #release()}. */
    void block()
    {
        blocked = true;
    }

    void release()
    {
        blocked = false;
    }
}

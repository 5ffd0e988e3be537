package dev.bridge.analytics.export;

import org.agrona.concurrent.EpochClock;

/** An epoch clock the test sets and advances; reads are volatile. */
final class SetClock implements EpochClock
{
    private volatile long timeMs;

    SetClock(final long startMs)
    {
        timeMs = startMs;
    }

    @Override
    public long time()
    {
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
}

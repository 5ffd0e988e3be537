package dev.bridge.analytics.ingest;

import org.agrona.concurrent.EpochClock;

/** An epoch clock that tests set and advance; reads are volatile. */
public final class ManualClock implements EpochClock
{
    private volatile long timeMs;

    public ManualClock(final long startMs)
    {
        timeMs = startMs;
    }

    @Override
    public long time()
    {
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
}

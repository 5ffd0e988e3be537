package dev.bridge.analytics.alert;

import org.agrona.concurrent.EpochClock;

/** An epoch clock the test sets; reads are volatile. */
final class StepClock implements EpochClock
{
    private volatile long timeMs;

    StepClock(final long startMs)
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
}

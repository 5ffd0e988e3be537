package dev.bridge.analytics.dashboard;

import org.agrona.concurrent.EpochClock;

import java.util.concurrent.atomic.AtomicLong;

/** An epoch clock the test sets; reads are volatile. */
final class TestClock implements EpochClock
{
    private final AtomicLong timeMs;

    TestClock(final long startMs)
    {
        timeMs = new AtomicLong(startMs);
    }

    @Override
    public long time()
    {
        return timeMs.get();
    }

    void set(final long ms)
    {
        timeMs.set(ms);
    }
}

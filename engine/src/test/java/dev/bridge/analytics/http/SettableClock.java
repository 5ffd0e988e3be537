package dev.bridge.analytics.http;

import org.agrona.concurrent.EpochClock;

import java.util.concurrent.atomic.AtomicLong;

/** An epoch clock the test sets; reads are volatile. Thread-safe. */
final class SettableClock implements EpochClock
{
    private final AtomicLong timeMs;

    SettableClock(final long startMs)
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

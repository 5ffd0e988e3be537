package dev.bridge.analytics.bench.querybench;

import org.agrona.concurrent.EpochClock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EpochClock} that a backfill moves forward by hand: the engine's consumer reads it once per batch, the
 * builder sets it to each simulated second before publishing that second's events, so the batch time is never
 * behind the explicit timestamps being published (the consumer reads it after it sees the events).
 * <p>
 * Thread-safety: {@link #set(long)} by one thread, {@link #time()} by any (a volatile read).
 */
final class SteppedClock implements EpochClock
{
    private final AtomicLong nowMs;

    SteppedClock(final long startMs)
    {
        nowMs = new AtomicLong(startMs);
    }

    /**
     * Moves the clock to {@code ms}.
     *
     * @throws IllegalArgumentException when {@code ms} is earlier than the current time (never step back).
     */
    void set(final long ms)
    {
        final long current = nowMs.get();
        if (ms < current)
        {
            throw new IllegalArgumentException("clock must not go back: " + ms + " < " + current);
        }
        nowMs.set(ms);
    }

    @Override
    public long time()
    {
        return nowMs.get();
    }
}

package dev.bridge.analytics.store;

import org.agrona.concurrent.status.AtomicCounter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Saturating additions ({@link SaturatingMath#add}) that count each addition whose exact result did not fit a long:
 * the engine's counter is {@code engine_values_saturated}; a store built offline (a snapshot merge) counts in one of
 * its own. {@link #add} is the per-event path: one add and one sign test, allocation-free, nothing thrown; the count
 * is an atomic increment taken only when a bound is crossed. Thread-safe: any number of writers and readers.
 */
public final class SaturationCounter
{
    private final AtomicCounter counter;
    private final AtomicLong own;

    /** Counts into {@code counter} (atomic increments: it may have several writer threads). */
    public SaturationCounter(final AtomicCounter counter)
    {
        this.counter = counter;
        this.own = null;
    }

    /** Counts in a counter of its own ({@link #count()}). */
    public SaturationCounter()
    {
        this.counter = null;
        this.own = new AtomicLong();
    }

    /** @return {@code total + value}, or the bound it crossed (counted). */
    public long add(final long total, final long value)
    {
        if (SaturatingMath.overflows(total, value))
        {
            saturated();
        }
        return SaturatingMath.add(total, value);
    }

    /** Counts one saturated addition made elsewhere. */
    public void saturated()
    {
        if (counter != null)
        {
            counter.increment();
        }
        else
        {
            own.incrementAndGet();
        }
    }

    /** @return the additions that saturated so far (volatile read). */
    public long count()
    {
        return counter != null ? counter.get() : own.get();
    }
}

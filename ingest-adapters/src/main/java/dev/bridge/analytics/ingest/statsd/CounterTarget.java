package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.CounterHandle;

/**
 * {@code c} into a counter: adds value / sample rate. The engine counts integers, so the fraction of a scaled value
 * is carried to the next line of the same key ({@code 1|@0.3} three times adds 3, 3, then 4); a negative value is
 * published rounded and the engine rejects and counts it ({@code engine_events_rejected}). Not thread-safe.
 */
final class CounterTarget extends ValueTarget
{
    /** Absorbs the rounding error of value / rate (1 / 0.1 is 9.999999999999998 in some orders of operations). */
    private static final double EPSILON = 1e-9;

    private final CounterHandle counter;
    private double carry;

    CounterTarget(final CounterHandle counter)
    {
        this.counter = counter;
    }

    @Override
    void onValue(final double value, final boolean signed, final StatsdLine line)
    {
        final double amount = value / line.sampleRate;
        final long whole;
        if (amount < 0)
        {
            whole = Math.round(amount);
        }
        else
        {
            final double total = carry + amount;
            whole = (long)(total + EPSILON);
            carry = Math.max(0.0, total - whole);
            if (whole == 0)
            {
                return;
            }
        }
        if (line.timestampMs != 0)
        {
            counter.addAt(whole, line.timestampMs);
        }
        else
        {
            counter.add(whole);
        }
    }
}

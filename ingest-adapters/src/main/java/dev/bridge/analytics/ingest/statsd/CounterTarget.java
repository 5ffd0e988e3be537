package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.CounterHandle;
import dev.bridge.analytics.store.SaturatingMath;

/**
 * {@code c} into a counter: adds value / sample rate. The engine counts integers, so the fraction of a scaled value
 * is carried to the next line of the same key ({@code 1|@0.3} three times adds 3, 3, then 4); the carry is always in
 * [0, 1). A line with a value whose scaled amount does not fit a 64-bit integer ({@code 1e300|c},
 * {@code 99999999999999999999999999|c}, {@code 1e10|c|@1e-10}) is {@link LineOutcome#REJECTED} whole: nothing of it is
 * published and the carry is unchanged. A negative value is published rounded and the engine rejects and counts it
 * ({@code engine_events_rejected}). Not thread-safe.
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
    LineOutcome check(final StatsdLine line)
    {
        return SaturatingMath.fitsLong(line.largestMagnitude / line.sampleRate) ? null : LineOutcome.REJECTED;
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
            final double total = carry + amount; // below 2^63 + 1: check() refused larger amounts
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

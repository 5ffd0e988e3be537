package dev.bridge.analytics.ingest.micrometer;

import dev.bridge.analytics.CounterHandle;
import dev.bridge.analytics.store.SaturatingMath;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Adds double amounts to an engine counter, which counts integers: the fraction is carried to the next add (a
 * compare-and-set loop on the carry's bits: lock-free, allocation-free), so increments of 0.5 add 1 every second
 * time and a total never drifts by more than one; the carry is always in [0, 1). An amount of 2^63 or more adds
 * {@link Long#MAX_VALUE} (the engine's sum saturates there and counts it in {@code engine_values_saturated}) and
 * leaves the carry as it was. Negative and non-finite amounts are ignored (Micrometer counters only go up).
 * Thread-safe.
 */
final class CarryingCounter
{
    private static final double EPSILON = 1e-9;

    private final CounterHandle counter;
    private final AtomicLong carryBits = new AtomicLong(Double.doubleToRawLongBits(0.0));

    CarryingCounter(final CounterHandle counter)
    {
        this.counter = counter;
    }

    void add(final double amount)
    {
        if (!(amount > 0) || Double.isInfinite(amount))
        {
            return;
        }
        if (!SaturatingMath.fitsLong(amount))
        {
            counter.add(Long.MAX_VALUE);
            return;
        }
        while (true)
        {
            final long bits = carryBits.get();
            final double total = Double.longBitsToDouble(bits) + amount; // below 2^63: (long) is exact or rounds down
            final long whole = (long)(total + EPSILON);
            final double rest = Math.max(0.0, total - whole);
            if (carryBits.compareAndSet(bits, Double.doubleToRawLongBits(rest)))
            {
                if (whole > 0)
                {
                    counter.add(whole);
                }
                return;
            }
        }
    }
}

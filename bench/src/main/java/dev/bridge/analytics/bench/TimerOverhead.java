package dev.bridge.analytics.bench;

import org.HdrHistogram.Histogram;

/**
 * Measures what timing one call costs by itself: the median of many back-to-back {@code System.nanoTime()} pairs
 * on the calling thread. The load run subtracts it from each sampled record cost. Stateless, thread-safe.
 */
final class TimerOverhead
{
    private static final int PAIRS = 200_000;

    private TimerOverhead()
    {
    }

    /** @return the median ns between two consecutive {@code nanoTime()} reads on this thread. */
    static long measureNs()
    {
        final Histogram pairs = new Histogram(1_000_000L, 3);
        for (int i = 0; i < PAIRS; i++)
        {
            final long start = System.nanoTime();
            final long ns = System.nanoTime() - start;
            pairs.recordValue(Math.min(ns, 1_000_000L));
        }
        return pairs.getValueAtPercentile(50);
    }
}

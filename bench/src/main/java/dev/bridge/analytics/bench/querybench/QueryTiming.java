package dev.bridge.analytics.bench.querybench;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The timing of one query, run back to back: {@code warmUp} untimed calls, then {@code iterations} calls each
 * timed with {@link System#nanoTime()}; reported as median, p90 (nearest rank) and max in microseconds, with an
 * optional target on the median. Immutable; thread-safe.
 *
 * @param name       what was timed, e.g. {@code dashboard(LAST_MINUTE)}.
 * @param iterations timed calls.
 * @param medianUs   median, microseconds.
 * @param p90Us      90th percentile, microseconds.
 * @param maxUs      slowest call, microseconds.
 * @param targetUs   the median's target in microseconds, or null for none.
 */
public record QueryTiming(String name, int iterations, double medianUs, double p90Us, double maxUs, Long targetUs)
{
    /** Keeps the results alive so that the JIT cannot drop a query. */
    private static volatile int sink;

    /** @return the timing of {@code query}; see the class comment. */
    public static QueryTiming measure(
        final String name, final Long targetUs, final int warmUp, final int iterations, final Supplier<?> query)
    {
        if (iterations < 1)
        {
            throw new IllegalArgumentException("iterations must be >= 1, was " + iterations);
        }
        int hash = 0;
        for (int i = 0; i < warmUp; i++)
        {
            hash += System.identityHashCode(query.get());
        }
        final long[] ns = new long[iterations];
        for (int i = 0; i < iterations; i++)
        {
            final long start = System.nanoTime();
            final Object result = query.get();
            ns[i] = System.nanoTime() - start;
            hash += System.identityHashCode(result);
        }
        sink += hash;
        return of(name, targetUs, ns);
    }

    /** @return the timing of the given call durations (nanoseconds; the array is sorted in place). */
    public static QueryTiming of(final String name, final Long targetUs, final long[] ns)
    {
        Arrays.sort(ns);
        return new QueryTiming(name, ns.length, rank(ns, 0.5) / 1e3, rank(ns, 0.9) / 1e3, ns[ns.length - 1] / 1e3,
            targetUs);
    }

    /** @return null without a target, else whether the median is within it. */
    public Boolean met()
    {
        return targetUs == null ? null : medianUs <= targetUs;
    }

    private static long rank(final long[] sorted, final double fraction)
    {
        return sorted[Math.max(0, (int)Math.ceil(fraction * sorted.length) - 1)];
    }
}

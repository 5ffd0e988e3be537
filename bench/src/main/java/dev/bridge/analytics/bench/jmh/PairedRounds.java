package dev.bridge.analytics.bench.jmh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Times several operations in interleaved rounds in one JVM: each round runs every operation in turn for a fixed
 * time (the order rotates from round to round), so that a slow spell of a shared machine falls on all of them alike
 * and a ratio taken within one round cancels it. A ratio of medians taken from separate JMH forks does not: on this
 * machine one fork's median of the same scrape differs from another's by up to 2x. Not thread-safe: one thread runs
 * it, and the operations run on that thread.
 */
final class PairedRounds
{
    private final List<String> names;
    private final List<Runnable> operations;
    private final LongSupplier nanoTime;

    /**
     * @param names      one name per operation.
     * @param operations the operations, each timed as a whole call.
     * @param nanoTime   the clock ({@code System::nanoTime}).
     */
    PairedRounds(final List<String> names, final List<Runnable> operations, final LongSupplier nanoTime)
    {
        if (names.size() != operations.size() || names.isEmpty())
        {
            throw new IllegalArgumentException("one name per operation, at least one: " + names.size() + " names, " +
                operations.size() + " operations");
        }
        this.names = List.copyOf(names);
        this.operations = List.copyOf(operations);
        this.nanoTime = nanoTime;
    }

    /**
     * Runs {@code rounds} rounds; in each, every operation runs until {@code roundNanos} have passed (at least once).
     *
     * @return nanoseconds per call, {@code [operation][round]}.
     */
    double[][] run(final int rounds, final long roundNanos)
    {
        final int n = operations.size();
        final double[][] nanosPerCall = new double[n][rounds];
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < n; k++)
            {
                final int op = (round + k) % n;
                final Runnable operation = operations.get(op);
                final long start = nanoTime.getAsLong();
                long calls = 0;
                long elapsed;
                do
                {
                    operation.run();
                    calls++;
                    elapsed = nanoTime.getAsLong() - start;
                }
                while (elapsed < roundNanos);
                nanosPerCall[op][round] = (double)elapsed / calls;
            }
        }
        return nanosPerCall;
    }

    /** @return the operations' names, in the order {@link #run} reports them. */
    List<String> names()
    {
        return names;
    }

    /** @return the median of {@code values} (the mean of the middle two for an even count). */
    static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** @return {@code numerator[i] / denominator[i]} for each round. */
    static double[] ratios(final double[] numerator, final double[] denominator)
    {
        final List<Double> out = new ArrayList<>();
        for (int i = 0; i < numerator.length; i++)
        {
            out.add(numerator[i] / denominator[i]);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

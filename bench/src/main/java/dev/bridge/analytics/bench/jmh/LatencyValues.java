package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;

/**
 * The values every benchmark records: {@link #COUNT} log-normal latencies in microseconds (median
 * {@link #MEDIAN_US} us, sigma {@link #SIGMA}, fixed seed, clamped to 1 us .. 60 s), the same array for every
 * library and every run.
 * <p>
 * Thread-safety: the array is written once in {@link #setUp()} (before any benchmark thread runs) and only read
 * afterwards; per-thread positions live in {@link ValueCursor}.
 */
@State(Scope.Benchmark)
public class LatencyValues
{
    /** Number of values: a power of two, so a cursor wraps with a mask. */
    public static final int COUNT = 8192;
    /** {@code COUNT - 1}. */
    public static final int MASK = COUNT - 1;
    /** Median of the distribution, us. */
    public static final double MEDIAN_US = 200.0;
    /** Standard deviation of the logarithm: p99 is about 10x the median. */
    public static final double SIGMA = 1.0;
    /** Seed of the generator: the same values in every run. */
    public static final long SEED = 0x5EED_2026L;
    /** Largest value, us (the highest trackable value of the engine's latency histograms). */
    public static final long MAX_US = 60_000_000L;

    private long[] values;

    /** Generates the values (JMH calls this once per trial). */
    @Setup
    public void setUp()
    {
        values = generate();
    }

    /** @return the values; the caller must not modify them. */
    public long[] values()
    {
        return values;
    }

    /** @return a fresh copy of the {@link #COUNT} values. Thread-safe. */
    public static long[] generate()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final long[] generated = new long[COUNT];
        final double mu = Math.log(MEDIAN_US);
        for (int i = 0; i < COUNT; i++)
        {
            final double value = Math.exp(mu + SIGMA * gaussian(random));
            generated[i] = Math.max(1L, Math.min(MAX_US, Math.round(value)));
        }
        return generated;
    }

    /** Box-Muller: one standard normal deviate. */
    private static double gaussian(final SplittableRandom random)
    {
        final double u1 = 1.0 - random.nextDouble();
        final double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}

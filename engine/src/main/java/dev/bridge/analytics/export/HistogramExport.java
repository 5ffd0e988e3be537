package dev.bridge.analytics.export;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The exported shape of one histogram series over a range: cumulative counts at the configured bucket bounds
 * (in the metric's own unit, {@code +Inf} implied: it is {@link #count()}), count, sum and percentiles.
 * Immutable, thread-safe.
 * <p>
 * Counting: a value is counted in every bucket whose bound is at or above it. From exact samples that is exact;
 * from the merged HdrHistogram a value counts at the lowest value equivalent to it within the histogram's
 * precision (exact below 2 * 10^significant_digits, e.g. 2000 us with 3 digits; above, a value within one
 * sub-bucket of a bound may be counted on its other side).
 */
public final class HistogramExport
{
    private final double[] upperBounds;
    private final long[] cumulativeCounts;
    private final long count;
    private final long sum;
    private final Map<Double, Long> percentiles;
    private final boolean exact;
    private final Set<Double> aboveHighest;

    /** As {@link #HistogramExport(double[], long[], long, long, Map, boolean, Set)} with no percentile above highest. */
    public HistogramExport(
        final double[] upperBounds, final long[] cumulativeCounts, final long count, final long sum,
        final Map<Double, Long> percentiles, final boolean exact)
    {
        this(upperBounds, cumulativeCounts, count, sum, percentiles, exact, Set.of());
    }

    /**
     * @param upperBounds      finite, increasing bucket bounds in the metric's unit (copied).
     * @param cumulativeCounts values at or below each bound, non-decreasing, each at most {@code count} (copied).
     * @param count            number of values.
     * @param sum              sum of the values.
     * @param percentiles      fraction -> value in the metric's unit, increasing fractions; null values when empty.
     * @param exact            true when counts and percentiles come from every raw value, false when from the
     *                         merged HdrHistogram.
     * @param aboveHighest     the fractions whose value fell above the metric's {@code highest} (merged HdrHistogram
     *                         only): their value is {@code highest}, meaning at least that much.
     */
    public HistogramExport(
        final double[] upperBounds, final long[] cumulativeCounts, final long count, final long sum,
        final Map<Double, Long> percentiles, final boolean exact, final Set<Double> aboveHighest)
    {
        if (upperBounds.length != cumulativeCounts.length)
        {
            throw new IllegalArgumentException(
                upperBounds.length + " bounds but " + cumulativeCounts.length + " cumulative counts");
        }
        this.upperBounds = upperBounds.clone();
        this.cumulativeCounts = cumulativeCounts.clone();
        this.count = count;
        this.sum = sum;
        this.percentiles = Collections.unmodifiableMap(new LinkedHashMap<>(percentiles));
        this.exact = exact;
        this.aboveHighest = Set.copyOf(aboveHighest);
    }

    /** @return the number of finite bounds ({@code +Inf} not included). */
    public int bucketCount()
    {
        return upperBounds.length;
    }

    /** @return the {@code i}th finite upper bound, in the metric's unit. */
    public double upperBound(final int i)
    {
        return upperBounds[i];
    }

    /** @return the values at or below {@link #upperBound(int)}. */
    public long cumulativeCount(final int i)
    {
        return cumulativeCounts[i];
    }

    /** @return the number of values (the {@code +Inf} bucket). */
    public long count()
    {
        return count;
    }

    /** @return the sum of the values, in the metric's unit. */
    public long sum()
    {
        return sum;
    }

    /** @return fraction -> value (metric's unit), in increasing fraction order; values null when empty. */
    public Map<Double, Long> percentiles()
    {
        return percentiles;
    }

    /**
     * @return the fractions whose value fell above the metric's {@code highest}: reported as {@code highest}, meaning
     *         at least that much (see {@link dev.bridge.analytics.query.AboveHighest}); empty when exact.
     */
    public Set<Double> aboveHighest()
    {
        return aboveHighest;
    }

    /** @return true when computed from every raw value (exact samples), false from the merged HdrHistogram. */
    public boolean exact()
    {
        return exact;
    }

    @Override
    public String toString()
    {
        return "HistogramExport{bounds=" + Arrays.toString(upperBounds) + ", cumulative=" +
            Arrays.toString(cumulativeCounts) + ", count=" + count + ", sum=" + sum + ", percentiles=" + percentiles +
            ", exact=" + exact + ", aboveHighest=" + aboveHighest + '}';
    }
}

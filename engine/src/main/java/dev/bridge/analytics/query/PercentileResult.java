package dev.bridge.analytics.query;

import java.util.Map;
import java.util.Set;

/**
 * Percentiles of a histogram metric over a range. Immutable, thread-safe.
 *
 * @param count         values the percentiles are computed from.
 * @param values        percentile (a fraction in [0, 1]) -> value, in request order; null values when empty.
 * @param mode          {@code exact}: nearest rank over every raw sample of the range (error 0), or
 *                      {@code histogram}: merged HdrHistograms, within {@code relativeError}.
 * @param relativeError the bound on |reported - exact| / exact: 0 when exact, else 10^-significant_digits.
 * @param aboveHighest  the fractions whose value fell above the metric's {@code highest} in histogram mode: their
 *                      value is {@code highest} and means "at least highest" (the HdrHistogram records larger
 *                      values as {@code highest}; the exact largest is the range's max). Empty in exact mode,
 *                      where every value is exact.
 */
public record PercentileResult(
    long count, Map<Double, Long> values, String mode, double relativeError, Set<Double> aboveHighest)
{
    /** Mode of an answer computed from merged HdrHistograms. */
    public static final String HISTOGRAM_MODE = "histogram";
    /** Mode of an answer computed from every raw sample (metrics with {@code exact_samples}). */
    public static final String EXACT_MODE = "exact";

    public PercentileResult
    {
        aboveHighest = Set.copyOf(aboveHighest);
    }

    /** A result with no value above {@code highest}. */
    public PercentileResult(final long count, final Map<Double, Long> values, final String mode, final double relativeError)
    {
        this(count, values, mode, relativeError, Set.of());
    }

    /** @return true when the value of {@code fraction} means "at least {@code highest}" (see {@link #aboveHighest}). */
    public boolean isAboveHighest(final double fraction)
    {
        return aboveHighest.contains(fraction);
    }
}

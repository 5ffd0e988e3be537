package dev.bridge.analytics.query;

/**
 * The rule for a percentile read from a merged HdrHistogram that records values above the metric's
 * {@code highest} as {@code highest}: when the read value reaches {@code highest} and the exact max of the same
 * values is above it, the percentile fell among those values; it is reported as {@code highest} and flagged "above
 * highest" (meaning: at least {@code highest}; the exact largest value is the max). A value within
 * 10^-significant_digits below {@code highest} shares its HdrHistogram bucket and is flagged too. Stateless,
 * thread-safe.
 */
public final class AboveHighest
{
    private AboveHighest()
    {
    }

    /**
     * @param histogramValue the percentile as the merged HdrHistogram answers it.
     * @param highest        the metric's {@code highest}.
     * @param exactMax       the exact max of the values the histogram holds.
     * @return true when the percentile is to be reported as {@code highest} flagged "above highest".
     */
    public static boolean fellAbove(final long histogramValue, final long highest, final long exactMax)
    {
        return histogramValue >= highest && exactMax > highest;
    }
}

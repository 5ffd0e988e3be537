package dev.bridge.analytics.config;

/**
 * Range and precision of a histogram metric, as HdrHistogram takes them. Immutable, thread-safe.
 *
 * @param lowestDiscernibleValue smallest value told apart from 0, >= 1.
 * @param highestTrackableValue  largest value the HdrHistogram tells apart, >= 2 * lowest; a larger value is kept
 *                               (exact in count, sum, max and exact samples), recorded as this value in the
 *                               HdrHistogram, and a percentile that falls there is reported as this value flagged
 *                               "above highest".
 * @param significantDigits      decimal digits of precision, 0..5.
 * @param exactSamples           raw samples kept per raw bucket for exact percentiles (0: off, at most
 *                               {@value #MAX_EXACT_SAMPLES}); ranges whose buckets all fit are answered exactly.
 */
public record HistogramSpec(long lowestDiscernibleValue, long highestTrackableValue, int significantDigits, int exactSamples)
{
    /** Largest raw-sample window per bucket. */
    public static final int MAX_EXACT_SAMPLES = 100_000;

    /** A spec without exact samples. */
    public HistogramSpec(final long lowestDiscernibleValue, final long highestTrackableValue, final int significantDigits)
    {
        this(lowestDiscernibleValue, highestTrackableValue, significantDigits, 0);
    }

    public HistogramSpec
    {
        if (exactSamples < 0 || exactSamples > MAX_EXACT_SAMPLES)
        {
            throw new IllegalArgumentException("exact_samples must be 0..." + MAX_EXACT_SAMPLES + ", was " + exactSamples);
        }
        if (lowestDiscernibleValue < 1)
        {
            throw new IllegalArgumentException("lowest must be >= 1, was " + lowestDiscernibleValue);
        }
        if (lowestDiscernibleValue > Long.MAX_VALUE / 2 || highestTrackableValue < 2 * lowestDiscernibleValue)
        {
            throw new IllegalArgumentException(
                "highest must be >= 2 * lowest (" + (lowestDiscernibleValue > Long.MAX_VALUE / 2 ?
                    "more than " + Long.MAX_VALUE : String.valueOf(2 * lowestDiscernibleValue)) + "), was " +
                    highestTrackableValue);
        }
        if (significantDigits < 0 || significantDigits > 5)
        {
            throw new IllegalArgumentException("significant_digits must be 0..5, was " + significantDigits);
        }
        final int unitMagnitude = 63 - Long.numberOfLeadingZeros(lowestDiscernibleValue);
        if (unitMagnitude + subBucketHalfCountMagnitude(significantDigits) > 61)
        {
            throw new IllegalArgumentException("lowest (" + lowestDiscernibleValue + ") is too large for " +
                significantDigits + " significant_digits: lower one of them");
        }
        final long footprint = footprintBytes(lowestDiscernibleValue, highestTrackableValue, significantDigits);
        if (footprint > MAX_FOOTPRINT_BYTES)
        {
            throw new IllegalArgumentException("highest (" + highestTrackableValue + ") with significant_digits (" +
                significantDigits + ") makes each histogram take " + ConfigRanges.bytes(footprint) + ", more than " +
                ConfigRanges.bytes(MAX_FOOTPRINT_BYTES) + ": lower highest or significant_digits, or raise lowest");
        }
    }

    /** Largest counts array of one histogram: every series keeps one per open bucket and level. */
    public static final long MAX_FOOTPRINT_BYTES = 4L << 20;

    /**
     * @return the bytes of the counts array HdrHistogram allocates for this range (8 per count), computed as
     *         {@code AbstractHistogram} sizes it, without allocating.
     */
    static long footprintBytes(final long lowest, final long highest, final int significantDigits)
    {
        final int halfMagnitude = subBucketHalfCountMagnitude(significantDigits);
        final long subBucketCount = 1L << (halfMagnitude + 1);
        final int unitMagnitude = 63 - Long.numberOfLeadingZeros(lowest);
        long smallestUntrackable = subBucketCount << unitMagnitude;
        int bucketsNeeded = 1;
        while (smallestUntrackable <= highest)
        {
            if (smallestUntrackable > Long.MAX_VALUE / 2)
            {
                bucketsNeeded++;
                break;
            }
            smallestUntrackable <<= 1;
            bucketsNeeded++;
        }
        return 8L * (bucketsNeeded + 1) * (subBucketCount / 2);
    }

    private static int subBucketHalfCountMagnitude(final int significantDigits)
    {
        final long largestValueWithSingleUnitResolution = 2 * (long)Math.pow(10, significantDigits);
        final int subBucketCountMagnitude = 64 - Long.numberOfLeadingZeros(largestValueWithSingleUnitResolution - 1);
        return Math.max(subBucketCountMagnitude, 1) - 1;
    }
}

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
            throw new InvalidSettingException("exact_samples must be 0..." + MAX_EXACT_SAMPLES + ", was " + exactSamples,
                "exact_samples");
        }
        if (lowestDiscernibleValue < 1)
        {
            throw new InvalidSettingException("lowest must be >= 1, was " + lowestDiscernibleValue, "lowest");
        }
        if (lowestDiscernibleValue > Long.MAX_VALUE / 2 || highestTrackableValue < 2 * lowestDiscernibleValue)
        {
            throw new InvalidSettingException(
                "highest must be >= 2 * lowest (" + (lowestDiscernibleValue > Long.MAX_VALUE / 2 ?
                    "more than " + Long.MAX_VALUE : String.valueOf(2 * lowestDiscernibleValue)) + "), was " +
                    highestTrackableValue, "highest", "lowest");
        }
        if (significantDigits < 0 || significantDigits > 5)
        {
            throw new InvalidSettingException("significant_digits must be 0..5, was " + significantDigits,
                "significant_digits");
        }
        final int unitMagnitude = 63 - Long.numberOfLeadingZeros(lowestDiscernibleValue);
        if (unitMagnitude + subBucketHalfCountMagnitude(significantDigits) > 61)
        {
            throw new InvalidSettingException("lowest (" + lowestDiscernibleValue + ") is too large for " +
                significantDigits + " significant_digits: lower one of them", "lowest", "significant_digits");
        }
        final long footprint = footprintBytes(lowestDiscernibleValue, highestTrackableValue, significantDigits);
        if (footprint > MAX_FOOTPRINT_BYTES)
        {
            throw new InvalidSettingException("highest (" + highestTrackableValue + ") with significant_digits (" +
                significantDigits + ") makes each histogram take " + ConfigRanges.bytes(footprint) + ", more than " +
                ConfigRanges.bytes(MAX_FOOTPRINT_BYTES) + ": lower highest or significant_digits, or raise lowest",
                "highest", "significant_digits", "lowest");
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

    /**
     * The {@code histogram:} of the metric at {@code path} in a configuration file: required for histogram metrics,
     * refused for the others.
     *
     * @return the spec, or null for a metric that is not a histogram.
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static HistogramSpec from(final String path, final ConfigDto.Metric m, final Checks checks) throws ConfigException
    {
        final String field = path + ".histogram";
        if (m.type != MetricType.HISTOGRAM)
        {
            if (m.histogram != null)
            {
                throw checks.atKey(field, "only histogram metrics take a histogram range; this metric is a " +
                    ConfigDeserializers.spelling(m.type));
            }
            return null;
        }
        final ConfigDto.Histogram h = m.histogram;
        if (h == null)
        {
            throw checks.missing(path, "histogram", "histogram metrics need a range, " +
                "e.g. histogram: { lowest: 1, highest: 60000000, significant_digits: 3 }");
        }
        if (h.lowest == null)
        {
            throw checks.missing(field, "lowest", "smallest value told apart from 0, >= 1");
        }
        if (h.highest == null)
        {
            throw checks.missing(field, "highest", "largest accepted value, >= 2 * lowest");
        }
        if (h.significantDigits == null)
        {
            throw checks.missing(field, "significant_digits", "decimal digits of precision, 0..5");
        }
        checks.range(field + ".lowest", h.lowest);
        checks.range(field + ".highest", h.highest);
        checks.range(field + ".significant_digits", h.significantDigits);
        checks.range(field + ".exact_samples", h.exactSamples);
        final int exactSamples = h.exactSamples == null ? 0 : h.exactSamples;
        return checks.build(field, () -> new HistogramSpec(h.lowest, h.highest, h.significantDigits, exactSamples));
    }
}

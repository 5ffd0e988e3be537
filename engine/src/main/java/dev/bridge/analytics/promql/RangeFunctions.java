package dev.bridge.analytics.promql;

/**
 * The functions over one series' samples in a range, as Prometheus 2.42 computes them ({@code promql/functions.go}):
 * {@code rate}/{@code increase} extrapolate to the range's edges ({@code extrapolatedRate}), {@code irate} uses the
 * last two samples, {@code *_over_time} reduce the samples. Each returns null when the series yields no
 * value (fewer than two samples for the rates). Stateless, thread-safe.
 */
final class RangeFunctions
{
    private RangeFunctions()
    {
    }

    /**
     * @param samples      the samples in [rangeStartMs, rangeEndMs] (closed both ends, as in 2.42).
     * @param rangeStartMs evaluation time minus offset minus range.
     * @param rangeEndMs   evaluation time minus offset.
     * @return the value of {@code function} over the samples, or null for none.
     */
    static Double apply(final Function function, final SeriesSamples samples, final long rangeStartMs,
        final long rangeEndMs)
    {
        return switch (function)
        {
            case RATE -> extrapolatedRate(samples, rangeStartMs, rangeEndMs, true);
            case INCREASE -> extrapolatedRate(samples, rangeStartMs, rangeEndMs, false);
            case IRATE -> instantRate(samples);
            case AVG_OVER_TIME, MIN_OVER_TIME, MAX_OVER_TIME, SUM_OVER_TIME, COUNT_OVER_TIME, LAST_OVER_TIME ->
                overTime(function, samples.values());
            default -> throw new IllegalArgumentException(function.spelling() + " is not a range function");
        };
    }

    /** Prometheus 2.42 {@code extrapolatedRate} with {@code isCounter = true}. */
    static Double extrapolatedRate(final SeriesSamples s, final long rangeStartMs, final long rangeEndMs,
        final boolean isRate)
    {
        final int n = s.size();
        if (n < 2)
        {
            return null;
        }
        final long[] t = s.timestampsMs();
        final double[] v = s.values();
        double result = v[n - 1] - v[0];
        double lastValue = 0;
        for (int i = 0; i < n; i++)
        {
            if (v[i] < lastValue)
            {
                result += lastValue; // a counter reset: the value before it was counted up to then
            }
            lastValue = v[i];
        }
        double durationToStart = (t[0] - rangeStartMs) / 1000.0;
        final double durationToEnd = (rangeEndMs - t[n - 1]) / 1000.0;
        final double sampledInterval = (t[n - 1] - t[0]) / 1000.0;
        final double averageBetweenSamples = sampledInterval / (n - 1);
        if (result > 0 && v[0] >= 0)
        {
            final double durationToZero = sampledInterval * (v[0] / result);
            if (durationToZero < durationToStart)
            {
                durationToStart = durationToZero;
            }
        }
        final double threshold = averageBetweenSamples * 1.1;
        double extrapolateTo = sampledInterval;
        extrapolateTo += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2;
        extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2;
        result = result * (extrapolateTo / sampledInterval);
        if (isRate)
        {
            result = result / ((rangeEndMs - rangeStartMs) / 1000.0);
        }
        return result;
    }

    /**
     * Prometheus 2.42 {@code extrapolatedRate} over native histograms ({@code histogramRate}): the last histogram
     * minus the first (at the smallest schema of the range), plus the histogram before each counter reset
     * ({@link NativeHistogram#resetAfter}), scaled by the same extrapolation factor as for floats, except that 2.42
     * does not shorten the extrapolation to the counter's zero point for histograms.
     *
     * @return the histogram, or null for fewer than two samples or a range mixing floats and histograms.
     */
    static NativeHistogram histogramRate(final SeriesSamples s, final long rangeStartMs, final long rangeEndMs,
        final boolean isRate)
    {
        final int n = s.size();
        if (n < 2 || s.hasFloats())
        {
            return null;
        }
        final long[] t = s.timestampsMs();
        int minSchema = Math.min(s.histogram(0).schema(), s.histogram(n - 1).schema());
        for (int i = 1; i < n - 1; i++)
        {
            minSchema = Math.min(minSchema, s.histogram(i).schema());
        }
        NativeHistogram result = s.histogram(n - 1).toSchema(minSchema).minus(s.histogram(0));
        NativeHistogram previous = s.histogram(0);
        for (int i = 1; i < n; i++)
        {
            final NativeHistogram current = s.histogram(i);
            if (current.resetAfter(previous))
            {
                result = result.plus(previous);
            }
            previous = current;
        }
        final double durationToStart = (t[0] - rangeStartMs) / 1000.0;
        final double durationToEnd = (rangeEndMs - t[n - 1]) / 1000.0;
        final double sampledInterval = (t[n - 1] - t[0]) / 1000.0;
        final double averageBetweenSamples = sampledInterval / (n - 1);
        final double threshold = averageBetweenSamples * 1.1;
        double extrapolateTo = sampledInterval;
        extrapolateTo += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2;
        extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2;
        double factor = extrapolateTo / sampledInterval;
        if (isRate)
        {
            factor = factor / ((rangeEndMs - rangeStartMs) / 1000.0);
        }
        return result.times(factor);
    }

    /** Prometheus 2.42 {@code instantValue} for {@code irate}. */
    static Double instantRate(final SeriesSamples s)
    {
        final int n = s.size();
        if (n < 2)
        {
            return null;
        }
        final double last = s.values()[n - 1];
        final double previous = s.values()[n - 2];
        final long intervalMs = s.timestampsMs()[n - 1] - s.timestampsMs()[n - 2];
        if (intervalMs == 0)
        {
            return null;
        }
        final double result = last < previous ? last : last - previous;
        return result / (intervalMs / 1000.0);
    }

    private static Double overTime(final Function function, final double[] v)
    {
        if (v.length == 0)
        {
            return null;
        }
        switch (function)
        {
            case COUNT_OVER_TIME:
                return (double)v.length;
            case LAST_OVER_TIME:
                return v[v.length - 1];
            case SUM_OVER_TIME:
            {
                double sum = 0;
                for (final double x : v)
                {
                    sum += x;
                }
                return sum;
            }
            case AVG_OVER_TIME:
            {
                // incremental mean, as 2.42 computes it
                double mean = 0;
                double count = 0;
                for (final double x : v)
                {
                    count++;
                    mean += x / count - mean / count;
                }
                return mean;
            }
            case MIN_OVER_TIME:
            {
                double min = v[0];
                for (final double x : v)
                {
                    if (x < min || Double.isNaN(min))
                    {
                        min = x;
                    }
                }
                return min;
            }
            case MAX_OVER_TIME:
            {
                double max = v[0];
                for (final double x : v)
                {
                    if (x > max || Double.isNaN(max))
                    {
                        max = x;
                    }
                }
                return max;
            }
            default:
                throw new IllegalArgumentException(function.spelling());
        }
    }
}

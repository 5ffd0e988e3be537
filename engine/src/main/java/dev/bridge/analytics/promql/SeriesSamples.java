package dev.bridge.analytics.promql;

import java.util.Arrays;

/**
 * The samples of one series, oldest first: a selector's input from a {@link SampleSource}, and one series of a
 * range vector or of a range query's matrix. A sample is a float ({@code values[i]}) or, where {@code histograms}
 * is not null and {@code histograms[i]} is not null, a native histogram (its float value is then ignored). The
 * arrays are owned by this record: do not change them. Immutable once built, thread-safe.
 *
 * @param labels       the series' labels.
 * @param timestampsMs sample times, epoch ms, increasing.
 * @param values       sample values, one per timestamp.
 * @param histograms   null for a series of floats only; else one entry per timestamp, null for a float sample.
 */
public record SeriesSamples(Labels labels, long[] timestampsMs, double[] values, NativeHistogram[] histograms)
{
    public SeriesSamples
    {
        if (timestampsMs.length != values.length)
        {
            throw new IllegalArgumentException(timestampsMs.length + " timestamps but " + values.length + " values");
        }
        if (histograms != null && histograms.length != values.length)
        {
            throw new IllegalArgumentException(timestampsMs.length + " timestamps but " + histograms.length +
                " histograms");
        }
    }

    /** A series of float samples only. */
    public SeriesSamples(final Labels labels, final long[] timestampsMs, final double[] values)
    {
        this(labels, timestampsMs, values, null);
    }

    /** @return the native histogram of sample {@code i}, or null for a float sample. */
    public NativeHistogram histogram(final int i)
    {
        return histograms == null ? null : histograms[i];
    }

    /** @return true when some sample is a native histogram. */
    public boolean hasHistograms()
    {
        if (histograms != null)
        {
            for (final NativeHistogram h : histograms)
            {
                if (h != null)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return true when some sample is a float. */
    public boolean hasFloats()
    {
        if (histograms == null)
        {
            return size() > 0;
        }
        for (final NativeHistogram h : histograms)
        {
            if (h == null)
            {
                return true;
            }
        }
        return false;
    }

    /** @return the number of samples. */
    public int size()
    {
        return timestampsMs.length;
    }

    /** @return the index of the first sample at or after {@code timeMs} ({@link #size()} when none). */
    int firstAtOrAfter(final long timeMs)
    {
        final int i = Arrays.binarySearch(timestampsMs, timeMs);
        return i >= 0 ? i : -i - 1;
    }

    /** @return the index of the last sample at or before {@code timeMs} (-1 when none). */
    int lastAtOrBefore(final long timeMs)
    {
        final int i = Arrays.binarySearch(timestampsMs, timeMs);
        return i >= 0 ? i : -i - 2;
    }

    /** @return the samples with timestamps in [fromMs, toMs] (this record when all are). */
    SeriesSamples slice(final long fromMs, final long toMs)
    {
        final int from = firstAtOrAfter(fromMs);
        final int to = lastAtOrBefore(toMs) + 1;
        if (from == 0 && to == size())
        {
            return this;
        }
        if (to <= from)
        {
            return new SeriesSamples(labels, new long[0], new double[0]);
        }
        return new SeriesSamples(labels, Arrays.copyOfRange(timestampsMs, from, to), Arrays.copyOfRange(values, from, to),
            histograms == null ? null : Arrays.copyOfRange(histograms, from, to));
    }
}

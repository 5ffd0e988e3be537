package dev.bridge.analytics.remote;

import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.export.HistogramExport;
import dev.bridge.analytics.query.NativeBuckets;
import dev.bridge.analytics.export.SeriesExport;
import dev.bridge.analytics.store.SaturatingMath;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one series has added up since the exporter first saw it: the cumulative values that remote write sends
 * (Prometheus counters and histograms are cumulative). Counters: the total; gauges: the last value; histograms:
 * count, sum, the classic buckets' cumulative counts and the native buckets. Values in the metric's own unit,
 * except the native buckets (base unit). Totals saturate at the 64-bit bounds ({@link SaturatingMath}). Not thread-safe: owned by the exporter thread.
 */
final class SeriesTotals
{
    long count;
    long sum;
    Long last;
    double[] bounds;
    long[] classic;
    NativeBuckets nativeBuckets;

    /** @return an empty total, with native buckets at {@code schema} (ignored for counters and gauges). */
    static SeriesTotals empty(final int schema)
    {
        final SeriesTotals totals = new SeriesTotals();
        totals.nativeBuckets = new NativeBuckets(schema);
        return totals;
    }

    /**
     * @return what a series held before a point in time, from the store's running totals since the series was
     *         created ({@code lifetime}, what {@code /metrics} exports) less what was recorded from that point to now
     *         ({@code after}, null when nothing); null when that is nothing. A gauge keeps its newest value only when
     *         it was not set after the point (its value before it is then unknown: the next step with data sets it).
     */
    static SeriesTotals before(final SeriesExport lifetime, final SeriesExport after, final int schema)
    {
        final SeriesTotals t = empty(schema);
        final boolean afterData = after != null && after.hasData();
        t.count = Math.max(0, SaturatingMath.removeFrom(lifetime.stats().count(), afterData ? after.stats().count() : 0));
        t.sum = Math.max(0, SaturatingMath.removeFrom(lifetime.total(), afterData ? after.total() : 0));
        t.last = afterData ? null : lifetime.last();
        final HistogramExport h = lifetime.histogram();
        if (h != null && t.count > 0)
        {
            final HistogramExport a = afterData ? after.histogram() : null;
            t.bounds = new double[h.bucketCount()];
            t.classic = new long[h.bucketCount()];
            for (int i = 0; i < t.classic.length; i++)
            {
                t.bounds[i] = h.upperBound(i);
                final long later = a != null && i < a.bucketCount() ? a.cumulativeCount(i) : 0;
                t.classic[i] = Math.max(0, Math.min(t.count, SaturatingMath.removeFrom(h.cumulativeCount(i), later)));
            }
            final Histogram distribution = lifetime.distribution();
            if (distribution != null)
            {
                final Histogram earlier = distribution.copy();
                final Histogram afterDistribution = afterData ? after.distribution() : null;
                if (afterDistribution != null)
                {
                    try
                    {
                        earlier.subtract(afterDistribution);
                    }
                    catch (final IllegalArgumentException | ArrayIndexOutOfBoundsException ex)
                    {
                        earlier.reset(); // a commit between the two reads: native buckets start from the next step
                    }
                }
                t.nativeBuckets.add(earlier, PrometheusNames.toBaseUnitFactor(lifetime.metric()));
            }
        }
        return t.count > 0 || t.last != null ? t : null;
    }

    /** Adds what {@code step} (one step's export of the series, with its distribution) holds. */
    void add(final SeriesExport step)
    {
        count = SaturatingMath.add(count, step.stats().count());
        sum = SaturatingMath.add(sum, step.total());
        if (step.last() != null)
        {
            last = step.last();
        }
        final HistogramExport h = step.histogram();
        if (h == null)
        {
            return;
        }
        final double[] stepBounds = new double[h.bucketCount()];
        for (int i = 0; i < stepBounds.length; i++)
        {
            stepBounds[i] = h.upperBound(i);
        }
        if (classic == null || !Arrays.equals(bounds, stepBounds))
        {
            bounds = stepBounds; // first step, or export.histogram_buckets changed: the classic series restart
            classic = new long[stepBounds.length];
        }
        for (int i = 0; i < classic.length; i++)
        {
            classic[i] = SaturatingMath.add(classic[i], h.cumulativeCount(i));
        }
        final Histogram distribution = step.distribution();
        if (distribution != null)
        {
            nativeBuckets.add(distribution, PrometheusNames.toBaseUnitFactor(step.metric()));
        }
    }

    /** @return a deep copy (a batch works on copies until the receiver acknowledges it). */
    SeriesTotals copy()
    {
        final SeriesTotals copy = new SeriesTotals();
        copy.count = count;
        copy.sum = sum;
        copy.last = last;
        copy.bounds = bounds == null ? null : bounds.clone();
        copy.classic = classic == null ? null : classic.clone();
        copy.nativeBuckets = nativeBuckets.copy();
        return copy;
    }

    /** @return deep copies of every entry of {@code totals}, in the same order. */
    static Map<String, SeriesTotals> copyAll(final Map<String, SeriesTotals> totals)
    {
        final Map<String, SeriesTotals> copy = new LinkedHashMap<>();
        totals.forEach((key, value) -> copy.put(key, value.copy()));
        return copy;
    }
}

package dev.bridge.analytics.remote;

import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.export.HistogramExport;
import dev.bridge.analytics.export.NativeBuckets;
import dev.bridge.analytics.export.SeriesExport;
import dev.bridge.analytics.store.SaturatingMath;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
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
        final Map<String, SeriesTotals> copy = new java.util.LinkedHashMap<>();
        totals.forEach((key, value) -> copy.put(key, value.copy()));
        return copy;
    }
}

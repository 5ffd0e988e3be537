package dev.bridge.analytics.promql;

import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.export.BaseUnits;
import dev.bridge.analytics.query.StoredNativeBuckets;
import dev.bridge.analytics.store.SaturatingMath;

/**
 * The native-histogram samples of a {@link PromSeries.Part#NATIVE} series: one sample per bucket end of the stored
 * resolution, from the series' first bucket with values in the read window to {@code lastEndMs}, each the running
 * native histogram (count, sum in the base unit, zero bucket, buckets) since the window's start, as the classic
 * parts count. A bucket end without new values repeats the previous sample's (immutable) histogram, and the bucket
 * index array is shared while no new bucket appears, so a steady series costs one count array per stored bucket.
 * Stateless, thread-safe.
 */
final class NativeSamples
{
    private NativeSamples()
    {
    }

    /** @return the samples of {@code p} in [fromMs, lastEndMs]. */
    static SeriesSamples of(final PromSeries p, final StoredNativeBuckets b, final long lastEndMs, final long fromMs)
    {
        final long widthMs = b.widthMs();
        final double factor = PrometheusNames.toBaseUnitFactor(p.info().metric());
        if (b.size() == 0)
        {
            return new SeriesSamples(p.labels(), new long[0], new double[0]);
        }
        final long startMs = b.startMs()[0];
        final int points = (int)Math.max(0, (lastEndMs - (startMs + widthMs)) / widthMs + 1);
        final long[] times = new long[points];
        final NativeHistogram[] histograms = new NativeHistogram[points];
        NativeHistogram running = NativeHistogram.empty(b.schema());
        long sum = 0;
        int next = 0;
        int n = 0;
        for (long s = startMs; s + widthMs <= lastEndMs && n < points; s += widthMs)
        {
            if (next < b.size() && b.startMs()[next] == s)
            {
                sum = SaturatingMath.add(sum, b.sum()[next]);
                final long[] counts = b.counts()[next];
                final double[] increments = new double[counts.length];
                double count = b.zeroCount()[next];
                for (int i = 0; i < counts.length; i++)
                {
                    increments[i] = counts[i];
                    count += counts[i];
                }
                final NativeHistogram added = running.plus(new NativeHistogram(b.schema(), count, 0,
                    b.zeroCount()[next], b.indexes()[next], increments));
                running = new NativeHistogram(b.schema(), added.count(), BaseUnits.scale(sum, factor),
                    added.zeroCount(), added.indexes(), added.counts());
                next++;
            }
            times[n] = s + widthMs;
            histograms[n] = running;
            n++;
        }
        return new SeriesSamples(p.labels(), times, new double[points], histograms).slice(fromMs, lastEndMs);
    }
}

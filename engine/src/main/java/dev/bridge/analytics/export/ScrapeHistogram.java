package dev.bridge.analytics.export;

import dev.bridge.analytics.config.BaseUnits;
import dev.bridge.analytics.query.NativeBuckets;
import dev.bridge.analytics.store.SaturatingMath;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;

import java.util.Map;

/**
 * The classic and native buckets of one histogram series for the protobuf scrape, both counted from the same merged
 * HdrHistogram in one pass, so that their totals are equal (client_java refuses a data point whose classic count
 * differs from the native one, and Prometheus expects them equal):
 * <ul>
 *   <li>classic: each HdrHistogram bucket counted at its lowest equivalent value against the configured bounds
 *       (as {@link HistogramExport} counts from the merged histogram), plus {@code +Inf};</li>
 *   <li>native: {@link NativeBuckets} at the schema of the metric's precision ({@link NativeBuckets#schemaFor}),
 *       zero threshold 0, values scaled to the base unit: the same buckets remote write sends.</li>
 * </ul>
 * Immutable after {@link #of}; not shared.
 */
final class ScrapeHistogram
{
    private final double[] classicBounds;
    private final long[] classicCounts;
    private final NativeBuckets nativeBuckets;

    private ScrapeHistogram(final double[] classicBounds, final long[] classicCounts, final NativeBuckets nativeBuckets)
    {
        this.classicBounds = classicBounds;
        this.classicCounts = classicCounts;
        this.nativeBuckets = nativeBuckets;
    }

    /**
     * @param distribution the series' merged HdrHistogram, in the metric's unit.
     * @param export       the series' classic export (its finite bounds, metric's unit).
     * @param toBaseUnit   what values are multiplied by on export.
     * @param schema       the native schema.
     */
    static ScrapeHistogram of(
        final Histogram distribution, final HistogramExport export, final double toBaseUnit, final int schema)
    {
        final int finite = export.bucketCount();
        final double[] bounds = new double[finite + 1];
        for (int i = 0; i < finite; i++)
        {
            bounds[i] = BaseUnits.scale(export.upperBound(i), toBaseUnit);
        }
        bounds[finite] = Double.POSITIVE_INFINITY;
        final long[] counts = new long[finite + 1];
        for (final HistogramIterationValue v : distribution.recordedValues())
        {
            final long lowest = distribution.lowestEquivalentValue(v.getValueIteratedTo());
            int bucket = 0;
            while (bucket < finite && lowest > export.upperBound(bucket))
            {
                bucket++;
            }
            counts[bucket] = SaturatingMath.add(counts[bucket], v.getCountAtValueIteratedTo());
        }
        final NativeBuckets nativeBuckets = new NativeBuckets(schema);
        nativeBuckets.add(distribution, toBaseUnit);
        return new ScrapeHistogram(bounds, counts, nativeBuckets);
    }

    /** @return the classic buckets: per-bucket counts at the base-unit bounds, {@code +Inf} last. */
    ClassicHistogramBuckets classic()
    {
        return ClassicHistogramBuckets.of(classicBounds, classicCounts);
    }

    int schema()
    {
        return nativeBuckets.schema();
    }

    long zeroCount()
    {
        return nativeBuckets.zeroCount();
    }

    /** @return the native buckets for positive values: index -> count in that bucket. */
    NativeHistogramBuckets positive()
    {
        final Map<Integer, Long> buckets = nativeBuckets.buckets();
        final int[] indexes = new int[buckets.size()];
        final long[] counts = new long[buckets.size()];
        int i = 0;
        for (final Map.Entry<Integer, Long> e : buckets.entrySet())
        {
            indexes[i] = e.getKey();
            counts[i++] = e.getValue();
        }
        return NativeHistogramBuckets.of(indexes, counts);
    }
}

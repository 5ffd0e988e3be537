package dev.bridge.analytics.query;

import dev.bridge.analytics.TimeRange;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.export.BaseUnits;
import dev.bridge.analytics.export.NativeBuckets;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.EncodedHistogramMerger;
import dev.bridge.analytics.store.SaturatingMath;
import dev.bridge.analytics.store.StoreReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stored buckets of histogram series at one resolution as native-histogram increments
 * ({@link StoredNativeBuckets}), counted as the scrape and remote write count them ({@link NativeBuckets#add}): each
 * HdrHistogram bucket of a stored bucket at its highest equivalent value, scaled to the base unit, in the bucket of
 * the metric's schema ({@link NativeBuckets#schemaFor} of its precision). One histogram decode per stored bucket.
 * Not thread-safe: one per query (it keeps one store reader and one merger per layout).
 */
public final class NativeBucketSeriesQuery
{
    private final StatsQuery statsQuery;
    private final StoreReader reader;
    private final Map<HistogramSpec, EncodedHistogramMerger> mergers = new HashMap<>();

    public NativeBucketSeriesQuery(final StatsQuery statsQuery)
    {
        this.statsQuery = statsQuery;
        this.reader = statsQuery.store().newReader();
    }

    /**
     * @param series     histogram series (others are skipped).
     * @param resolution the resolution to read at.
     * @param fromMs     first bucket start read.
     * @param toMs       bucket starts before this are read.
     * @return one entry per series with at least one bucket with values in the range.
     */
    public List<StoredNativeBuckets> read(final List<SeriesInfo> series, final Resolution resolution,
        final long fromMs, final long toMs)
    {
        final List<StoredNativeBuckets> out = new ArrayList<>(series.size());
        final TimeRange.ResolvedRange range = new TimeRange.ResolvedRange(resolution, fromMs, toMs);
        for (final SeriesInfo s : series)
        {
            if (s.metric().type() != MetricType.HISTOGRAM)
            {
                continue;
            }
            final List<long[]> rows = new ArrayList<>(); // {startMs, sum, key}
            statsQuery.forEachBucket(reader, List.of(s), range, (key, aggregate) ->
            {
                if (aggregate.getCount() > 0)
                {
                    rows.add(new long[] { BucketKey.bucketStartSec(key) * 1000L, aggregate.getSum(), key });
                }
            });
            if (rows.isEmpty())
            {
                continue;
            }
            rows.sort((a, b) -> Long.compare(a[0], b[0]));
            final int schema = NativeBuckets.schemaFor(s.metric().histogram().significantDigits());
            final double factor = PrometheusNames.toBaseUnitFactor(s.metric());
            final int n = rows.size();
            final long[] start = new long[n];
            final long[] sum = new long[n];
            final long[] zero = new long[n];
            final int[][] indexes = new int[n][];
            final long[][] counts = new long[n][];
            for (int i = 0; i < n; i++)
            {
                start[i] = rows.get(i)[0];
                sum[i] = rows.get(i)[1];
                zero[i] = bucket(s.metric().histogram(), rows.get(i)[2], schema, factor, i, indexes, counts);
            }
            out.add(new StoredNativeBuckets(s, resolution.widthMs(), schema, start, sum, zero, indexes, counts));
        }
        return out;
    }

    /** Fills {@code indexes[i]} and {@code counts[i]} from the bucket's histogram; @return its zero count. */
    private long bucket(final HistogramSpec spec, final long key, final int schema, final double factor, final int i,
        final int[][] indexes, final long[][] counts)
    {
        final EncodedHistogramMerger merger = mergers.computeIfAbsent(spec,
            sp -> new EncodedHistogramMerger(sp.lowestDiscernibleValue(), sp.significantDigits()));
        merger.reset();
        if (!reader.addHistogramTo(key, merger))
        {
            indexes[i] = new int[0];
            counts[i] = new long[0];
            return 0;
        }
        merger.normalize();
        final int values = merger.nonZeroCount();
        final int[] idx = new int[values];
        final long[] cnt = new long[values];
        int n = 0;
        long zero = 0;
        double upper = Double.NEGATIVE_INFINITY; // of the native bucket idx[n - 1]
        for (int k = 0; k < values; k++)
        {
            final int at = merger.nonZeroIndex(k);
            final long count = merger.countAt(at);
            final double value = BaseUnits.scale(merger.highestValueAt(at), factor);
            if (value <= 0)
            {
                zero = SaturatingMath.add(zero, count);
                continue;
            }
            if (n > 0 && value <= upper)
            {
                cnt[n - 1] = SaturatingMath.add(cnt[n - 1], count);
                continue;
            }
            final int index = NativeBuckets.index(value, schema);
            idx[n] = index;
            cnt[n] = count;
            upper = NativeBuckets.upperBound(index, schema);
            n++;
        }
        indexes[i] = Arrays.copyOf(idx, n);
        counts[i] = Arrays.copyOf(cnt, n);
        return zero;
    }
}

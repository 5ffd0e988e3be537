package dev.bridge.analytics.query;

import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.config.BaseUnits;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.EncodedHistogramMerger;
import dev.bridge.analytics.store.SaturatingMath;
import dev.bridge.analytics.store.StoreReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the stored buckets of histogram series at one resolution as native-histogram increments
 * ({@link StoredNativeBuckets}), counted as the scrape and remote write count them ({@link NativeBuckets#add}): each
 * HdrHistogram bucket of a stored bucket at its highest equivalent value, scaled to the base unit, in the bucket of
 * the metric's schema ({@link NativeBuckets#schemaFor} of its precision). One histogram decode per stored bucket; the
 * native index of each HdrHistogram bucket is computed once per query (a logarithm) and then looked up. With them
 * what each series held before the first bucket read: the store's running totals since the series was created (the
 * entry {@code /metrics} exports) less every bucket read up to now, as {@link BucketSeriesQuery} does for the
 * classic parts. Not thread-safe: one per query (it keeps one store reader and one merger per layout).
 */
public final class NativeBucketSeriesQuery
{
    private final StatsQuery statsQuery;
    private final StoreReader reader;
    private final Map<HistogramSpec, EncodedHistogramMerger> mergers = new HashMap<>();
    /** Per metric: HdrHistogram counts-array index -> native bucket index ({@link #UNKNOWN}, {@link #ZERO}). */
    private final Map<Object, int[]> nativeIndexes = new IdentityHashMap<>();
    private static final int UNKNOWN = Integer.MIN_VALUE;
    private static final int ZERO = Integer.MIN_VALUE + 1;

    public NativeBucketSeriesQuery(final StatsQuery statsQuery)
    {
        this.statsQuery = statsQuery;
        this.reader = statsQuery.store().newReader();
    }

    /**
     * @param series     histogram series (others are skipped).
     * @param resolution the resolution to read at.
     * @param fromMs     first bucket start read.
     * @param nowMs      now: every bucket from {@code fromMs} to the one holding now is read.
     * @return one entry per series with at least one bucket with values from {@code fromMs}, or values before.
     */
    public List<StoredNativeBuckets> read(final List<SeriesInfo> series, final Resolution resolution,
        final long fromMs, final long nowMs)
    {
        final long toMs = Math.floorDiv(nowMs, resolution.widthMs()) * resolution.widthMs() + resolution.widthMs();
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
                zero[i] = bucket(s, rows.get(i)[2], schema, factor, i, indexes, counts);
            }
            final StoredNativeBuckets.Before before = before(s, schema, factor, sum, zero, indexes, counts);
            if (n == 0 && before == null)
            {
                continue;
            }
            out.add(new StoredNativeBuckets(s, resolution.widthMs(), schema, start, sum, zero, indexes, counts, before));
        }
        return out;
    }

    /** @return the series' running totals less the buckets read, null when that is nothing (or no totals). */
    private StoredNativeBuckets.Before before(final SeriesInfo s, final int schema, final double factor,
        final long[] sum, final long[] zero, final int[][] indexes, final long[][] counts)
    {
        final long totalsKey = BucketKey.totals(s.id());
        final var totals = reader.aggregateScratch();
        if (!reader.readAggregate(totalsKey, totals) || totals.getCount() == 0)
        {
            return null;
        }
        long beforeSum = totals.getSum();
        final int[][] totalIndexes = new int[1][];
        final long[][] totalCounts = new long[1][];
        long beforeZero = bucket(s, totalsKey, schema, factor, 0, totalIndexes, totalCounts);
        final TreeMap<Integer, Long> left = new TreeMap<>();
        for (int k = 0; k < totalIndexes[0].length; k++)
        {
            left.put(totalIndexes[0][k], totalCounts[0][k]);
        }
        for (int i = 0; i < sum.length; i++)
        {
            beforeSum = SaturatingMath.removeFrom(beforeSum, sum[i]);
            beforeZero = SaturatingMath.removeFrom(beforeZero, zero[i]);
            for (int k = 0; k < indexes[i].length; k++)
            {
                left.merge(indexes[i][k], -counts[i][k], Long::sum);
            }
        }
        left.values().removeIf(c -> c <= 0); // a commit between the reads can leave a bucket short: never negative
        if (left.isEmpty() && beforeZero <= 0)
        {
            return null;
        }
        final int[] beforeIndexes = new int[left.size()];
        final long[] beforeCounts = new long[left.size()];
        int k = 0;
        for (final var e : left.entrySet())
        {
            beforeIndexes[k] = e.getKey();
            beforeCounts[k++] = e.getValue();
        }
        return new StoredNativeBuckets.Before(Math.max(0, beforeSum), Math.max(0, beforeZero), beforeIndexes,
            beforeCounts);
    }

    /** Fills {@code indexes[i]} and {@code counts[i]} from the bucket's histogram; @return its zero count. */
    private long bucket(final SeriesInfo series, final long key, final int schema, final double factor, final int i,
        final int[][] indexes, final long[][] counts)
    {
        final HistogramSpec spec = series.metric().histogram();
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
        int[] map = nativeIndexes.get(series.metric());
        if (map == null || map.length <= merger.highestIndex())
        {
            final int[] grown = new int[Math.max(64, merger.highestIndex() + 1)];
            Arrays.fill(grown, UNKNOWN);
            if (map != null)
            {
                System.arraycopy(map, 0, grown, 0, map.length);
            }
            map = grown;
            nativeIndexes.put(series.metric(), map);
        }
        final int values = merger.nonZeroCount();
        final int[] idx = new int[values];
        final long[] cnt = new long[values];
        int n = 0;
        long zero = 0;
        for (int k = 0; k < values; k++)
        {
            final int at = merger.nonZeroIndex(k);
            final long count = merger.countAt(at);
            int index = map[at];
            if (index == UNKNOWN)
            {
                // each HdrHistogram bucket counts at its highest equivalent value, as NativeBuckets.add counts it
                final double value = BaseUnits.scale(merger.highestValueAt(at), factor);
                index = value <= 0 ? ZERO : NativeBuckets.index(value, schema);
                map[at] = index;
            }
            if (index == ZERO)
            {
                zero = SaturatingMath.add(zero, count);
            }
            else if (n > 0 && idx[n - 1] == index)
            {
                cnt[n - 1] = SaturatingMath.add(cnt[n - 1], count);
            }
            else
            {
                idx[n] = index;
                cnt[n] = count;
                n++;
            }
        }
        indexes[i] = Arrays.copyOf(idx, n);
        counts[i] = Arrays.copyOf(cnt, n);
        return zero;
    }
}

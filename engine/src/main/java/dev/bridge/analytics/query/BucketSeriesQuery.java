package dev.bridge.analytics.query;

import dev.bridge.analytics.TimeRange;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.EncodedHistogramMerger;
import dev.bridge.analytics.store.SaturatingMath;
import dev.bridge.analytics.store.StoreReader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stored buckets of a set of series at one resolution, one {@link StoredBuckets} per series with data:
 * the aggregates, and for histogram series the per-bucket counts at the configured classic bounds (each bucket's
 * HdrHistogram is merged on its own: one decode per bucket, unless the shared {@link ClassicCountsCache} holds the
 * bucket's counts at its current count). For counters also the total stored before the range ({@link #totalBefore}),
 * so that running totals match the exported counter. Not thread-safe: one per query (it keeps one store reader and
 * one merger per layout).
 */
public final class BucketSeriesQuery
{
    private final StatsQuery statsQuery;
    private final List<Resolution> resolutions;
    private final StoreReader reader;
    private final ClassicCountsCache classicCounts;
    private final Map<HistogramSpec, EncodedHistogramMerger> mergers = new HashMap<>();

    /** @param classicCounts the counts at the classic bounds of closed buckets, shared between queries. */
    public BucketSeriesQuery(final StatsQuery statsQuery, final List<Resolution> resolutions,
        final ClassicCountsCache classicCounts)
    {
        this.statsQuery = statsQuery;
        this.resolutions = resolutions;
        this.reader = statsQuery.store().newReader();
        this.classicCounts = classicCounts;
    }

    /**
     * @param series     the series to read.
     * @param resolution the resolution to read at.
     * @param fromMs     first bucket start read.
     * @param toMs       bucket starts before this are read.
     * @param nowMs      now (resolves the longest-kept range for the counters' earlier totals).
     * @param bounds     the classic bounds (metric's unit, increasing) of each histogram series.
     * @return one entry per series with at least one bucket with data in the range (or an earlier total).
     */
    public List<StoredBuckets> read(final List<SeriesInfo> series, final Resolution resolution, final long fromMs,
        final long toMs, final long nowMs, final java.util.function.Function<SeriesInfo, List<Double>> bounds)
    {
        final List<StoredBuckets> out = new ArrayList<>(series.size());
        final TimeRange.ResolvedRange range = new TimeRange.ResolvedRange(resolution, fromMs, toMs);
        for (final SeriesInfo s : series)
        {
            final List<long[]> rows = new ArrayList<>(); // {startMs, count, sum, last, key}
            statsQuery.forEachBucket(reader, List.of(s), range, (key, aggregate) -> rows.add(row(key, aggregate)));
            rows.sort((a, b) -> Long.compare(a[0], b[0]));
            rows.removeIf(r -> r[1] == 0);
            final long before = s.metric().type() == MetricType.COUNTER ? totalBefore(s, resolution, fromMs, nowMs) : 0;
            if (rows.isEmpty() && before == 0)
            {
                continue;
            }
            final int n = rows.size();
            final long[] start = new long[n];
            final long[] count = new long[n];
            final long[] sum = new long[n];
            final long[] last = new long[n];
            for (int i = 0; i < n; i++)
            {
                final long[] r = rows.get(i);
                start[i] = r[0];
                count[i] = r[1];
                sum[i] = r[2];
                last[i] = r[3];
            }
            long[][] classic = null;
            if (s.metric().type() == MetricType.HISTOGRAM)
            {
                classic = new long[n][];
                final double[] upper = bounds.apply(s).stream().mapToDouble(Double::doubleValue).toArray();
                for (int i = 0; i < n; i++)
                {
                    classic[i] = classicBelow(s.metric().histogram(), rows.get(i)[4], upper, count[i],
                        start[i] + resolution.widthMs() <= nowMs);
                }
            }
            out.add(new StoredBuckets(s, resolution.widthMs(), start, count, sum, last, classic, before));
        }
        return out;
    }

    private static long[] row(final long key, final BucketAggregate aggregate)
    {
        return new long[] { BucketKey.bucketStartSec(key) * 1000L, aggregate.getCount(), aggregate.getSum(),
            aggregate.getLast(), key };
    }

    /**
     * @return the series' stored sum before {@code fromMs}: the buckets of the longest-kept resolution that start
     *         before the one holding {@code fromMs}, plus what {@code resolution} holds between that bucket's start
     *         and {@code fromMs} (exact while {@code resolution} still keeps that stretch).
     */
    private long totalBefore(final SeriesInfo s, final Resolution resolution, final long fromMs, final long nowMs)
    {
        final TimeRange.ResolvedRange all = TimeRange.ALL.resolve(nowMs, resolutions);
        final long widthMs = all.resolution().widthMs();
        final long alignedFrom = Math.floorDiv(fromMs, widthMs) * widthMs;
        final long before = alignedFrom <= all.fromMs() ? 0 :
            statsQuery.stats(List.of(s), new TimeRange.ResolvedRange(all.resolution(), all.fromMs(), alignedFrom)).sum();
        final long gap = alignedFrom < fromMs && resolution.index() != all.resolution().index() ?
            statsQuery.stats(List.of(s), new TimeRange.ResolvedRange(resolution, alignedFrom, fromMs)).sum() : 0;
        return Math.max(0, SaturatingMath.add(before, gap));
    }

    /**
     * @param ended whether the bucket's time has passed (only then are its counts kept in the cache).
     * @return the cumulative counts of the bucket's histogram at {@code upper} (a value counts for a bound when
     *         the lowest value of its HdrHistogram bucket is at or below it, as the scrape counts), capped at the
     *         aggregate's exact count.
     */
    private long[] classicBelow(final HistogramSpec spec, final long key, final double[] upper, final long count,
        final boolean ended)
    {
        final long[] cached = classicCounts.get(key, count, upper);
        if (cached != null)
        {
            return cached;
        }
        final EncodedHistogramMerger merger = mergers.computeIfAbsent(spec,
            sp -> new EncodedHistogramMerger(sp.lowestDiscernibleValue(), sp.significantDigits()));
        merger.reset();
        final long[] cumulative = new long[upper.length];
        if (!reader.addHistogramTo(key, merger))
        {
            return cumulative;
        }
        merger.normalize();
        final long[] perBound = new long[upper.length];
        int bound = 0;
        for (int i = 0, n = merger.nonZeroCount(); i < n; i++)
        {
            final int index = merger.nonZeroIndex(i);
            final long lowest = merger.lowestValueAt(index);
            while (bound < upper.length && lowest > upper[bound])
            {
                bound++;
            }
            if (bound < upper.length)
            {
                perBound[bound] = SaturatingMath.add(perBound[bound], merger.countAt(index));
            }
        }
        long running = 0;
        for (int i = 0; i < upper.length; i++)
        {
            running = SaturatingMath.add(running, perBound[i]);
            cumulative[i] = Math.min(running, count);
        }
        if (ended && merger.totalCount() == count)
        {
            classicCounts.put(key, count, upper, cumulative);
        }
        return cumulative;
    }
}

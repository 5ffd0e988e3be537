package dev.bridge.analytics.query;

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
import java.util.function.Function;

/**
 * Reads the stored buckets of a set of series at one resolution, one {@link StoredBuckets} per series with data:
 * the aggregates, and for histogram series the per-bucket counts at the configured classic bounds (each bucket's
 * HdrHistogram is merged on its own: one decode per bucket, unless the shared {@link ClassicCountsCache} holds the
 * bucket's counts at its current count). With them what each series held before the first
 * bucket ({@link StoredBuckets.Before}): for counters and histograms the store's running totals since the series was
 * created (the entry {@code /metrics} exports) less every bucket from the first one to now, so that running values
 * built from it equal the exported ones whatever retention has removed; for gauges the newest value stored before.
 * The totals and the buckets are separate reads: a commit between them can shift the carried-in value by what that
 * commit added (never below 0), for that one query. Not thread-safe: one per query (it keeps one store reader and
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
     * @param fromMs     first bucket start read (a multiple of the resolution's width).
     * @param nowMs      now: every bucket from {@code fromMs} to the one holding now is read and returned.
     * @param bounds     the classic bounds (metric's unit, increasing) of each histogram series.
     * @return one entry per series with at least one bucket with data from {@code fromMs} on, or data before it.
     */
    public List<StoredBuckets> read(final List<SeriesInfo> series, final Resolution resolution, final long fromMs,
        final long nowMs, final Function<SeriesInfo, List<Double>> bounds)
    {
        final List<StoredBuckets> out = new ArrayList<>(series.size());
        final long toMs = Math.floorDiv(nowMs, resolution.widthMs()) * resolution.widthMs() + resolution.widthMs();
        final TimeRange.ResolvedRange range = new TimeRange.ResolvedRange(resolution, fromMs, toMs);
        for (final SeriesInfo s : series)
        {
            final List<long[]> rows = new ArrayList<>(); // {startMs, count, sum, last, key}
            statsQuery.forEachBucket(reader, List.of(s), range, (key, aggregate) -> rows.add(row(key, aggregate)));
            rows.sort((a, b) -> Long.compare(a[0], b[0]));
            rows.removeIf(r -> r[1] == 0);
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
            double[] upper = null;
            if (s.metric().type() == MetricType.HISTOGRAM)
            {
                classic = new long[n][];
                upper = bounds.apply(s).stream().mapToDouble(Double::doubleValue).toArray();
                for (int i = 0; i < n; i++)
                {
                    classic[i] = classicBelow(s.metric().histogram(), rows.get(i)[4], upper, count[i],
                        start[i] + resolution.widthMs() <= nowMs);
                }
            }
            final StoredBuckets.Before before = s.metric().type() == MetricType.GAUGE ?
                gaugeBefore(s, resolution, fromMs, nowMs) : totalsBefore(s, resolution, fromMs, nowMs, count, sum, classic, upper);
            if (n == 0 && !before.any())
            {
                continue;
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
     * @return the series' running totals less the buckets read (everything from {@code fromMs} to now); without a
     *         totals entry (a merged snapshot reader), what is stored before {@code fromMs}.
     */
    private StoredBuckets.Before totalsBefore(final SeriesInfo s, final Resolution resolution, final long fromMs,
        final long nowMs, final long[] count, final long[] sum, final long[][] classic, final double[] upper)
    {
        final long totalsKey = BucketKey.totals(s.id());
        final BucketAggregate totals = reader.aggregateScratch();
        if (!reader.readAggregate(totalsKey, totals) || totals.getCount() == 0)
        {
            final Stats stored = storedBefore(s, resolution, fromMs, nowMs);
            return stored.count() == 0 ? StoredBuckets.Before.NONE :
                new StoredBuckets.Before(stored.count(), stored.sum(), null, null);
        }
        long beforeCount = totals.getCount();
        long beforeSum = totals.getSum();
        for (int i = 0; i < count.length; i++)
        {
            beforeCount = SaturatingMath.removeFrom(beforeCount, count[i]);
            beforeSum = SaturatingMath.removeFrom(beforeSum, sum[i]);
        }
        long[] beforeClassic = null;
        if (classic != null)
        {
            beforeClassic = classicBelow(s.metric().histogram(), totalsKey, upper, totals.getCount(), false);
            for (final long[] bucket : classic)
            {
                for (int b = 0; b < beforeClassic.length; b++)
                {
                    beforeClassic[b] = SaturatingMath.removeFrom(beforeClassic[b], bucket[b]);
                }
            }
            for (int b = 0; b < beforeClassic.length; b++)
            {
                beforeClassic[b] = Math.max(0, Math.min(beforeClassic[b], Math.max(0, beforeCount)));
            }
        }
        beforeCount = Math.max(0, beforeCount);
        return beforeCount == 0 ? StoredBuckets.Before.NONE :
            new StoredBuckets.Before(beforeCount, Math.max(0, beforeSum), beforeClassic, null);
    }

    /** @return the newest value stored before {@code fromMs}, as the gauge's carried-in value. */
    private StoredBuckets.Before gaugeBefore(final SeriesInfo s, final Resolution resolution, final long fromMs,
        final long nowMs)
    {
        final Stats stored = storedBefore(s, resolution, fromMs, nowMs);
        return stored.last() == null ? StoredBuckets.Before.NONE :
            new StoredBuckets.Before(stored.count(), stored.sum(), null, stored.last());
    }

    /**
     * @return the series' stored aggregate before {@code fromMs}: the buckets of the longest-kept resolution that
     *         start before the one holding {@code fromMs}, then what {@code resolution} holds between that bucket's
     *         start and {@code fromMs} (exact while {@code resolution} still keeps that stretch).
     */
    private Stats storedBefore(final SeriesInfo s, final Resolution resolution, final long fromMs, final long nowMs)
    {
        final TimeRange.ResolvedRange all = TimeRange.ALL.resolve(nowMs, resolutions);
        final long widthMs = all.resolution().widthMs();
        final long alignedFrom = Math.floorDiv(fromMs, widthMs) * widthMs;
        final Stats before = alignedFrom <= all.fromMs() ? Stats.EMPTY :
            statsQuery.stats(List.of(s), new TimeRange.ResolvedRange(all.resolution(), all.fromMs(), alignedFrom));
        final Stats gap = alignedFrom < fromMs && resolution.index() != all.resolution().index() ?
            statsQuery.stats(List.of(s), new TimeRange.ResolvedRange(resolution, alignedFrom, fromMs)) : Stats.EMPTY;
        return new Stats(SaturatingMath.add(before.count(), gap.count()), SaturatingMath.add(before.sum(), gap.sum()),
            null, null, null, null, gap.last() != null ? gap.last() : before.last());
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

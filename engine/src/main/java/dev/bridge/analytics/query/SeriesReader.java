package dev.bridge.analytics.query;

import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.EncodedHistogramMerger;
import dev.bridge.analytics.store.StoreReader;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads series one at a time for an export ({@link SeriesRead}): stats, optionally the buckets, the merged
 * counts of histogram series (in a merger reused from read to read: no histogram is built) and, for
 * metrics with {@code exact_samples}, every raw value when the raw buckets kept them all. Obtain one per export
 * from {@link StatsQuery#newSeriesReader()}.
 * <p>
 * Not thread-safe: one thread per instance (it keeps one store reader).
 */
public final class SeriesReader
{
    private final StatsQuery statsQuery;
    private final StoreReader reader;
    private final List<Resolution> resolutions;
    /** One merger per histogram layout, reused by every read (the counts arrays keep their size). */
    private final Map<HistogramSpec, EncodedHistogramMerger> mergers = new HashMap<>();

    SeriesReader(final StatsQuery statsQuery, final StoreReader reader, final List<Resolution> resolutions)
    {
        this.statsQuery = statsQuery;
        this.reader = reader;
        this.resolutions = resolutions;
    }

    /**
     * @param series      the series to read.
     * @param range       the resolved range (the same for every series of an export).
     * @param withBuckets whether to keep one {@link SeriesBucket} per bucket with data.
     * @param nowMs       the time {@code range} was resolved at: exact samples are only looked for when the range's
     *                    data starts within {@code raw_retention} of it (older raw buckets are gone).
     * @return what the series holds over the range.
     */
    public SeriesRead read(
        final SeriesInfo series, final TimeRange.ResolvedRange range, final boolean withBuckets, final long nowMs)
    {
        final StatsAccumulator accumulator = new StatsAccumulator();
        final List<SeriesBucket> buckets = withBuckets ? new ArrayList<>() : List.of();
        final boolean histogramMetric = series.metric().type() == MetricType.HISTOGRAM;
        final List<Long> histogramKeys = histogramMetric ? new ArrayList<>() : null;
        final long[] firstSec = { Long.MAX_VALUE };
        statsQuery.forEachBucket(reader, List.of(series), range, (key, aggregate) ->
        {
            if (aggregate.getCount() == 0)
            {
                return;
            }
            final long startSec = BucketKey.bucketStartSec(key);
            accumulator.add(series.id(), startSec, aggregate);
            firstSec[0] = Math.min(firstSec[0], startSec);
            if (withBuckets)
            {
                buckets.add(new SeriesBucket(startSec * 1000L, aggregate.getCount(), aggregate.getSum(),
                    aggregate.getMin(), aggregate.getMax(), aggregate.getLast()));
            }
            if (histogramMetric)
            {
                histogramKeys.add(key);
            }
        });
        final Stats stats = accumulator.toStats();
        if (withBuckets && buckets.size() > 1)
        {
            buckets.sort((a, b) -> Long.compare(a.startMs(), b.startMs())); // a store scan visits in no order
        }
        Long firstDataMs = null;
        if (stats.count() > 0)
        {
            final long earliestSec = reader.earliestDataSec(series.id());
            firstDataMs = (earliestSec == 0L || earliestSec == StoreReader.NO_DATA ? firstSec[0] : earliestSec) * 1000L;
        }
        EncodedHistogramMerger histogram = null;
        long[] exactSamples = null;
        if (histogramMetric)
        {
            final HistogramSpec spec = series.metric().histogram();
            histogram = merge(spec, histogramKeys);
            HistogramCoverage.check(statsQuery.store(), series.metric().name(), histogram.totalCount(), stats.count());
            if (spec.exactSamples() > 0 && stats.count() > 0)
            {
                exactSamples = exactSamples(series, range, firstDataMs, stats.count(), nowMs);
            }
        }
        return new SeriesRead(series, stats, buckets, histogram, exactSamples, firstDataMs);
    }

    /**
     * Reads the series' running totals since it was created ({@link BucketKey#totals}): one aggregate and, for a
     * histogram series, one histogram, whatever the history's length. A series without totals (a store written
     * before totals were kept, read without an engine that would seed them; a store built from snapshots) is read
     * over {@code all} instead, as {@link #read} does.
     *
     * @param series the series to read.
     * @param all    {@link TimeRange#ALL} resolved: the fallback.
     * @param nowMs  the time {@code all} was resolved at.
     * @return the totals: stats over everything the series recorded, no buckets, the merged counts of its
     *         histogram, no exact samples, and {@code firstDataMs} from {@code series-starts.dat} (it never moves
     *         forward: retention does not change it, only a value older than every earlier one moves it back).
     */
    public SeriesRead readTotals(final SeriesInfo series, final TimeRange.ResolvedRange all, final long nowMs)
    {
        return readTotals(series, all, nowMs, null);
    }

    /**
     * As {@link #readTotals(SeriesInfo, TimeRange.ResolvedRange, long)}, for a scrape that only needs a histogram
     * series' classic bucket counts: the stored totals encoding is read once and counted at {@code classic}'s bounds
     * in one pass ({@link ClassicCounts#count}) instead of merged, when it has the metric's layout.
     *
     * @param classic where the counts go, its bounds set ({@link ClassicCounts#bounds}).
     * @return the totals; when {@code classic} {@link ClassicCounts#counted()} them, the histogram is null (not
     *         merged); otherwise as {@link #readTotals(SeriesInfo, TimeRange.ResolvedRange, long)} answers.
     */
    public SeriesRead readTotals(
        final SeriesInfo series, final TimeRange.ResolvedRange all, final long nowMs, final ClassicCounts classic)
    {
        if (classic != null)
        {
            classic.clear(); // the last series' counts are not this one's
        }
        final long key = BucketKey.totals(series.id());
        final var aggregate = reader.aggregateScratch();
        if (!reader.readAggregate(key, aggregate) || aggregate.getCount() == 0)
        {
            if (reader.earliestDataSec(series.id()) == StoreReader.NO_DATA)
            {
                // series-starts.dat says it never held data: no bucket to look for (over ALL, with no end, that
                // look was a scan of the whole aggregate map per series: 35 idle self-metric series per scrape)
                return nothing(series);
            }
            return read(series, all, false, nowMs);
        }
        final long earliestSec = reader.earliestDataSec(series.id()); // after the totals: their start is recorded first
        if (earliestSec == StoreReader.NO_DATA)
        {
            return read(series, all, false, nowMs);
        }
        final StatsAccumulator accumulator = new StatsAccumulator();
        accumulator.add(series.id(), 0L, aggregate);
        final Stats stats = accumulator.toStats();
        EncodedHistogramMerger histogram = null;
        if (series.metric().type() == MetricType.HISTOGRAM)
        {
            final HistogramSpec spec = series.metric().histogram();
            final EncodedHistogramMerger merger = mergerFor(spec);
            final ByteBuffer encoding = reader.readHistogramScratch(key);
            if (classic != null && encoding != null && classic.count(encoding, spec, merger))
            {
                HistogramCoverage.check(statsQuery.store(), series.metric().name(), classic.totalCount(), stats.count());
                return new SeriesRead(series, stats, List.of(), null, null, earliestSec * 1000L);
            }
            merger.reset();
            if (encoding != null)
            {
                merger.add(encoding); // the bytes already read: not read again
            }
            merger.normalize(); // an encoding with another layout (an older config) joins this one
            histogram = merger;
            HistogramCoverage.check(statsQuery.store(), series.metric().name(), histogram.totalCount(), stats.count());
        }
        return new SeriesRead(series, stats, List.of(), histogram, null, earliestSec * 1000L);
    }

    /** @return what {@link #read} answers for a series without data, without reading the store. */
    private SeriesRead nothing(final SeriesInfo series)
    {
        final EncodedHistogramMerger histogram = series.metric().type() == MetricType.HISTOGRAM ?
            merge(series.metric().histogram(), List.of()) : null;
        return new SeriesRead(series, Stats.EMPTY, List.of(), histogram, null, null);
    }

    /** @return the merged counts of {@code keys}, in this reader's merger for the spec (reset first). */
    private EncodedHistogramMerger merge(final HistogramSpec spec, final List<Long> keys)
    {
        final EncodedHistogramMerger merger = mergerFor(spec);
        merger.reset();
        for (int i = 0, n = keys.size(); i < n; i++)
        {
            reader.addHistogramTo(keys.get(i), merger);
        }
        merger.normalize(); // a bucket encoded with another layout (an older config) joins this one
        return merger;
    }

    /** @return this reader's merger for the spec's layout (made once per layout). */
    private EncodedHistogramMerger mergerFor(final HistogramSpec spec)
    {
        final EncodedHistogramMerger merger = mergers.get(spec);
        return merger != null ? merger : mergers.computeIfAbsent(spec,
            s -> new EncodedHistogramMerger(s.lowestDiscernibleValue(), s.significantDigits()));
    }

    /** @return every raw value of the range, sorted, or null when the raw buckets did not keep them all. */
    private long[] exactSamples(
        final SeriesInfo series, final TimeRange.ResolvedRange range, final long firstDataMs, final long count,
        final long nowMs)
    {
        final Resolution raw = resolutions.get(0);
        final long fromMs = Math.max(range.fromMs(), firstDataMs);
        if (fromMs < nowMs - raw.retentionMs())
        {
            return null; // values older than raw_retention kept no samples
        }
        final long[] samples = statsQuery.exactSamples(
            List.of(series), new TimeRange.ResolvedRange(raw, fromMs, range.toMs()));
        if (samples == null || samples.length != count)
        {
            return null;
        }
        Arrays.sort(samples);
        return samples;
    }
}

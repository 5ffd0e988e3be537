package dev.bridge.analytics.query;

import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.EncodedHistogramMerger;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreReader;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One point per interval over [fromMs, toMs), read at the coarsest resolution whose width divides the interval
 * and {@code fromMs} and whose retention reaches {@code fromMs}. A bucket belongs to the interval holding its
 * start. Intervals without data are present with count 0 and a null value. Thread-safe: each call uses its own
 * reader.
 */
public final class TimeSeriesQuery
{
    private final MetricStore store;
    private final StatsQuery statsQuery;
    private final List<Resolution> resolutions;
    private final int maxPoints;

    public TimeSeriesQuery(final MetricStore store, final StatsQuery statsQuery, final List<Resolution> resolutions, final int maxPoints)
    {
        this.store = store;
        this.statsQuery = statsQuery;
        this.resolutions = resolutions;
        this.maxPoints = maxPoints;
    }

    /**
     * @throws IllegalArgumentException when from > to, the interval is not a positive whole number of the raw
     *                                  resolution, or the request would give more than the maximum of points.
     */
    public List<SeriesPoint> series(
        final MetricDefinition metric, final List<SeriesInfo> series, final long fromMs, final long toMs,
        final long intervalMs, final Aggregation aggregation, final long nowMs)
    {
        check(metric, fromMs, toMs, intervalMs, aggregation);
        final int points = (int)((toMs - fromMs + intervalMs - 1) / intervalMs);
        final Resolution resolution = resolutionFor(fromMs, intervalMs, nowMs);
        final StatsAccumulator[] intervals = new StatsAccumulator[points];
        final List<List<Long>> keysByInterval = new ArrayList<>();
        for (int i = 0; i < points; i++)
        {
            intervals[i] = new StatsAccumulator();
            keysByInterval.add(new ArrayList<>());
        }
        final boolean percentile = aggregation.kind() == Aggregation.Kind.PERCENTILE;
        final StoreReader reader = store.newReader();
        statsQuery.forEachBucket(reader, series, new TimeRange.ResolvedRange(resolution, fromMs, toMs), (key, aggregate) ->
        {
            final int i = (int)((BucketKey.bucketStartSec(key) * 1000L - fromMs) / intervalMs);
            intervals[i].add(BucketKey.seriesId(key), BucketKey.bucketStartSec(key), aggregate);
            if (percentile)
            {
                keysByInterval.get(i).add(key);
            }
        });
        final List<SeriesPoint> result = new ArrayList<>(points);
        for (int i = 0; i < points; i++)
        {
            final long startMs = fromMs + i * intervalMs;
            final StatsAccumulator acc = intervals[i];
            final long count = acc.count();
            // a percentile may be null (no histogram stored yet): kept out of the numeric switch, which unboxes
            Double value = count == 0 ? null : aggregation.kind() == Aggregation.Kind.PERCENTILE ?
                percentileOf(reader, metric, keysByInterval.get(i), aggregation.percentile(), count) :
                Double.valueOf(numeric(aggregation, metric, acc, intervalMs));
            // values above highest are recorded as highest: a percentile that falls among them is highest, flagged
            final boolean aboveHighest = percentile && value != null &&
                AboveHighest.fellAbove(value.longValue(), metric.histogram().highestTrackableValue(), acc.max());
            if (aboveHighest)
            {
                value = (double)metric.histogram().highestTrackableValue();
            }
            result.add(new SeriesPoint(startMs, value, count, aboveHighest));
        }
        return result;
    }

    private static double numeric(
        final Aggregation aggregation, final MetricDefinition metric, final StatsAccumulator acc, final long intervalMs)
    {
        final long count = acc.count();
        return switch (aggregation.kind())
        {
            case AVG -> acc.sum() / (double)count;
            case SUM -> (double)acc.sum();
            case MIN -> (double)acc.min();
            case MAX -> (double)acc.max();
            case COUNT -> (double)count;
            case RATE -> (metric.type() == MetricType.COUNTER ? acc.sum() : count) * 1000.0 / intervalMs;
            case LAST -> (double)acc.toStats().last();
            case PERCENTILE -> throw new IllegalArgumentException("percentiles are not a numeric aggregation");
        };
    }

    private void check(
        final MetricDefinition metric, final long fromMs, final long toMs, final long intervalMs, final Aggregation aggregation)
    {
        if (fromMs > toMs)
        {
            throw new IllegalArgumentException("from (" + fromMs + ") is after to (" + toMs + ")");
        }
        final long rawMs = resolutions.get(0).widthMs();
        if (intervalMs <= 0 || intervalMs % rawMs != 0)
        {
            throw new IllegalArgumentException("interval must be a positive multiple of raw_resolution (" + rawMs +
                " ms), was " + intervalMs + " ms");
        }
        final long points = (toMs - fromMs + intervalMs - 1) / intervalMs;
        if (points > maxPoints)
        {
            throw new IllegalArgumentException("the query would return " + points + " points, more than the maximum of " +
                maxPoints + " (max_query_points): use a longer interval or a shorter range");
        }
        if (aggregation.kind() == Aggregation.Kind.PERCENTILE && metric.type() != MetricType.HISTOGRAM)
        {
            throw new IllegalArgumentException("percentile aggregation " + aggregation + " needs a histogram metric; '" +
                metric.name() + "' is a " + metric.type().name().toLowerCase(Locale.ROOT));
        }
    }

    private Resolution resolutionFor(final long fromMs, final long intervalMs, final long nowMs)
    {
        Resolution chosen = null;
        for (final Resolution r : resolutions)
        {
            if (intervalMs % r.widthMs() == 0 && Math.floorMod(fromMs, r.widthMs()) == 0 && fromMs >= nowMs - r.retentionMs())
            {
                chosen = r;
            }
        }
        if (chosen == null)
        {
            throw new IllegalArgumentException("no resolution can answer intervals of " + intervalMs + " ms from " +
                Instant.ofEpochMilli(fromMs) + ": the ones whose width divides the interval and 'from' (" +
                resolutions.stream().filter(r -> intervalMs % r.widthMs() == 0 && Math.floorMod(fromMs, r.widthMs()) == 0)
                    .map(r -> r.width().toSeconds() + "s kept " + r.retention().toSeconds() + "s").toList() +
                ") do not reach back that far: use a multiple of a coarser resolution's width, aligned to it");
        }
        return chosen;
    }

    /**
     * @return the percentile of the interval's histograms, null when none is stored yet (its writer is behind).
     * @throws dev.bridge.analytics.store.StoreException when the histograms cover fewer values than the interval's
     *                                                   {@code count} because the store lost writes.
     */
    private Double percentileOf(
        final StoreReader reader, final MetricDefinition metric, final List<Long> keys, final double percentile,
        final long count)
    {
        final var spec = metric.histogram();
        final Histogram merged = new Histogram(spec.lowestDiscernibleValue(), spec.highestTrackableValue(), spec.significantDigits());
        final EncodedHistogramMerger merger =
            new EncodedHistogramMerger(spec.lowestDiscernibleValue(), spec.significantDigits());
        for (final long key : keys)
        {
            reader.addHistogramTo(key, merger);
        }
        merger.addTo(merged);
        HistogramCoverage.check(store, metric.name(), merged.getTotalCount(), count);
        return merged.getTotalCount() == 0 ? null : Double.valueOf(merged.getValueAtPercentile(percentile));
    }
}

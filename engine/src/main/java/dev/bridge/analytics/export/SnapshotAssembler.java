package dev.bridge.analytics.export;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.query.AboveHighest;
import dev.bridge.analytics.query.SeriesRead;
import dev.bridge.analytics.store.EncodedHistogramMerger;
import dev.bridge.analytics.store.SaturatingMath;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what was read of a series ({@link SeriesRead}) into its exported shape ({@link SeriesExport}): created
 * time, and for histograms the cumulative counts at {@link ExportSettings#bucketsFor(MetricDefinition)} and the
 * percentiles (nearest rank over exact samples when the series has them all, else the merged HdrHistogram's value
 * clamped into the exact [min, max], or {@code highest} flagged when it fell above the metric's {@code highest}
 * ({@link AboveHighest}), as {@link dev.bridge.analytics.AnalyticsQueries#percentiles} answers).
 * Stateless, thread-safe.
 */
public final class SnapshotAssembler
{
    private SnapshotAssembler()
    {
    }

    /**
     * @param read             the series as read over {@code range}.
     * @param range            the snapshot's range.
     * @param settings         bucket bounds per metric.
     * @param percentiles      fractions to compute, increasing ({@link ExportSnapshot#percentilesFor}).
     * @param keepDistribution whether the series keeps its merged HdrHistogram ({@link SnapshotPart#DISTRIBUTIONS}).
     */
    public static SeriesExport series(
        final SeriesRead read, final ExportRange range, final ExportSettings settings, final List<Double> percentiles,
        final boolean keepDistribution)
    {
        return assemble(read, read.firstDataMs() == null ? null : Math.max(read.firstDataMs(), range.fromMs()), settings,
            percentiles, keepDistribution);
    }

    /**
     * @param read             the series' running totals ({@link dev.bridge.analytics.query.SeriesReader#readTotals}).
     * @param settings         bucket bounds per metric.
     * @param percentiles      fractions to compute, increasing ({@link ExportSnapshot#percentilesFor}).
     * @param keepDistribution whether the series keeps its merged HdrHistogram ({@link SnapshotPart#DISTRIBUTIONS}).
     * @return the series' running totals since it was created, created at its first data ({@code _created}).
     */
    public static SeriesExport total(
        final SeriesRead read, final ExportSettings settings, final List<Double> percentiles,
        final boolean keepDistribution)
    {
        return assemble(read, read.firstDataMs(), settings, percentiles, keepDistribution);
    }

    private static SeriesExport assemble(
        final SeriesRead read, final Long createdMs, final ExportSettings settings, final List<Double> percentiles,
        final boolean keepDistribution)
    {
        final MetricDefinition metric = read.series().metric();
        HistogramExport histogram = null;
        if (metric.type() == MetricType.HISTOGRAM)
        {
            histogram = histogram(settings.bucketsFor(metric), read.stats(), read.histogram(), read.exactSamples(),
                percentiles, metric.histogram().highestTrackableValue());
        }
        return new SeriesExport(metric, read.series().labels(), read.series().key(), read.series().overflow(),
            read.stats(), createdMs, read.buckets(), histogram,
            keepDistribution && metric.type() == MetricType.HISTOGRAM ? distribution(read) : null);
    }

    /**
     * @param bounds      finite increasing upper bounds, metric's unit.
     * @param stats       exact stats of the same values.
     * @param merged      the merged HdrHistogram (may be null when {@code samples} is given).
     * @param samples     every value sorted, or null.
     * @param percentiles fractions to compute.
     */
    static HistogramExport histogram(
        final List<Double> bounds, final Stats stats, final Histogram merged, final long[] samples,
        final List<Double> percentiles)
    {
        return histogram(bounds, stats, merged == null ? null : EncodedHistogramMerger.of(
            merged, merged.getLowestDiscernibleValue(), merged.getNumberOfSignificantValueDigits()), samples, percentiles,
            merged == null ? Long.MAX_VALUE : merged.getHighestTrackableValue());
    }

    /**
     * As {@link #histogram(List, Stats, Histogram, long[], List)} from merged counts (what an export reads).
     *
     * @param highest the metric's {@code highest}: the merged counts hold larger values as {@code highest}.
     */
    static HistogramExport histogram(
        final List<Double> bounds, final Stats stats, final EncodedHistogramMerger merged, final long[] samples,
        final List<Double> percentiles, final long highest)
    {
        final double[] upper = new double[bounds.size()];
        for (int i = 0; i < upper.length; i++)
        {
            upper[i] = bounds.get(i);
        }
        final long count = stats.count();
        final long[] cumulative = new long[upper.length];
        final long[] values = new long[percentiles.size()];
        if (samples != null)
        {
            fromSamples(upper, samples, percentiles, cumulative, values);
        }
        else if (merged != null && merged.totalCount() > 0)
        {
            fromCounts(upper, merged, percentiles, cumulative, values);
        }
        final Map<Double, Long> byFraction = new LinkedHashMap<>();
        final Set<Double> aboveHighest = new HashSet<>();
        for (int p = 0; p < values.length; p++)
        {
            if (count == 0)
            {
                byFraction.put(percentiles.get(p), null);
            }
            else if (samples == null && AboveHighest.fellAbove(values[p], highest, stats.max()))
            {
                byFraction.put(percentiles.get(p), highest);
                aboveHighest.add(percentiles.get(p));
            }
            else
            {
                // HdrHistogram reports a bucket's highest equivalent value: clamp into the exact [min, max]
                byFraction.put(percentiles.get(p), Math.max(stats.min(), Math.min(stats.max(), values[p])));
            }
        }
        for (int i = 0; i < cumulative.length; i++)
        {
            cumulative[i] = Math.min(cumulative[i], count); // the exact count is the +Inf bucket
        }
        return new HistogramExport(upper, cumulative, count, stats.sum(), byFraction, samples != null, aboveHighest);
    }

    /** Exact: counts by comparison, percentiles by nearest rank. */
    private static void fromSamples(
        final double[] upper, final long[] samples, final List<Double> percentiles, final long[] cumulative,
        final long[] values)
    {
        int at = 0;
        for (int i = 0; i < upper.length; i++)
        {
            while (at < samples.length && samples[at] <= upper[i])
            {
                at++;
            }
            cumulative[i] = at;
        }
        for (int p = 0; p < values.length; p++)
        {
            values[p] = samples.length == 0 ? 0 :
                samples[Math.max(0, (int)Math.ceil(percentiles.get(p) * samples.length) - 1)];
        }
    }

    /**
     * One pass over the merged counts for both the bucket counts and the percentiles, each percentile as
     * {@link Histogram#getValueAtPercentile} answers it over the same counts (which would walk them once per
     * percentile): the highest value equivalent to the count reaching the rank, the lowest for fraction 0.
     */
    private static void fromCounts(
        final double[] upper, final EncodedHistogramMerger merged, final List<Double> percentiles,
        final long[] cumulative, final long[] values)
    {
        final long total = merged.totalCount();
        final long[] rank = new long[values.length];
        for (int p = 0; p < rank.length; p++)
        {
            final double percent = Math.min(Math.max(Math.nextAfter(percentiles.get(p) * 100.0, Double.NEGATIVE_INFINITY),
                0.0), 100.0);
            rank[p] = Math.max(1, (long)Math.ceil(percent / 100.0 * total));
        }
        int percentile = 0;
        long seen = 0;
        for (int i = 0, n = merged.nonZeroCount(); i < n; i++)
        {
            final int index = merged.nonZeroIndex(i);
            final long countHere = merged.countAt(index);
            final long lowest = merged.lowestValueAt(index);
            seen = SaturatingMath.add(seen, countHere);
            while (percentile < rank.length && seen >= rank[percentile])
            {
                values[percentile] = percentiles.get(percentile) == 0.0 ? lowest : merged.highestValueAt(index);
                percentile++;
            }
        }
        cumulativeCounts(upper, merged, cumulative);
    }

    /**
     * Counts the merged counts into cumulative bucket counts: each counts-array index at its lowest value, counted in
     * every bucket whose bound is at or above it (saturating). Allocates nothing.
     *
     * @param upper      finite increasing bounds, metric's unit.
     * @param merged     the merged counts.
     * @param cumulative where the counts at or below each bound are written, at least {@code upper.length} long.
     */
    static void cumulativeCounts(final double[] upper, final EncodedHistogramMerger merged, final long[] cumulative)
    {
        Arrays.fill(cumulative, 0, upper.length, 0L);
        int bucket = 0;
        for (int i = 0, n = merged.nonZeroCount(); i < n; i++)
        {
            final int index = merged.nonZeroIndex(i);
            final long lowest = merged.lowestValueAt(index);
            while (bucket < upper.length && lowest > upper[bucket])
            {
                bucket++;
            }
            if (bucket == upper.length)
            {
                break;
            }
            cumulative[bucket] = SaturatingMath.add(cumulative[bucket], merged.countAt(index));
        }
        for (int i = 1; i < upper.length; i++)
        {
            cumulative[i] = SaturatingMath.add(cumulative[i - 1], cumulative[i]);
        }
    }

    /** @return the merged counts of {@code read} as an HdrHistogram of their own (the StatsD push diffs them). */
    private static Histogram distribution(final SeriesRead read)
    {
        final var spec = read.series().metric().histogram();
        final Histogram histogram = new Histogram(spec.lowestDiscernibleValue(),
            Math.max(2 * spec.lowestDiscernibleValue(), read.stats().count() == 0 ? 0 : read.stats().max()),
            spec.significantDigits());
        histogram.setAutoResize(true);
        if (read.histogram() != null)
        {
            read.histogram().addTo(histogram);
        }
        return histogram;
    }
}

package dev.bridge.analytics.query;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.config.Resolution;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.series.SeriesRegistry;
import dev.bridge.analytics.snapshot.SnapshotSummary;
import dev.bridge.analytics.snapshot.SnapshotWriter;
import dev.bridge.analytics.store.BucketAggregate;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.SaturatingMath;
import dev.bridge.analytics.store.StoreReader;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The store reads of an engine or a reader: stats, merged histograms, percentiles, time series and rates, by metric
 * name and label filter (exact match on the given labels; no labels = every series of the metric merged), and the
 * PromQL engine's bucket reads. Relative ranges resolve on the queries' clock; the {@code ResolvedRange} variants
 * read the buckets of a range resolved once by the caller (a dashboard resolves its range at one instant and
 * reads every figure over the same buckets). {@link dev.bridge.analytics.AnalyticsQueries} adds the dashboard,
 * exports and alerts on top. Thread-safe: every call reads the store with its own reader, under the owner's guard.
 */
public class StoreQueries
{
    private final EngineConfig config;
    private final MetricStore store;
    private final SeriesRegistry registry;
    private final StatsQuery statsQuery;
    private final TimeSeriesQuery timeSeriesQuery;
    private final EpochClock clock;
    private final Guard guard;
    /** The classic-bound counts of closed histogram buckets, shared by the PromQL queries over this store. */
    private final ClassicCountsCache classicCounts = new ClassicCountsCache(ClassicCountsCache.DEFAULT_MAX_BUCKETS);

    /** Runs a store read while the store is open (the owner's lock and open check). */
    @FunctionalInterface
    public interface Guard
    {
        /**
         * @return what {@code read} returns, run while the store is open.
         * @throws IllegalStateException when the store is closed.
         */
        <T> T run(Supplier<T> read);
    }

    /**
     * @param config   the configuration whose catalog and resolutions the queries use.
     * @param registry the series known.
     * @param store    the store read.
     * @param clock    the clock that resolves relative ranges.
     * @param guard    runs each read while the store is open.
     */
    public StoreQueries(
        final EngineConfig config, final SeriesRegistry registry, final MetricStore store, final EpochClock clock,
        final Guard guard)
    {
        this.config = config;
        this.store = store;
        this.registry = registry;
        this.statsQuery = new StatsQuery(store, config.engine().resolutions());
        this.timeSeriesQuery = new TimeSeriesQuery(
            store, statsQuery, config.engine().resolutions(), config.engine().maxQueryPoints());
        this.clock = clock;
        this.guard = guard;
    }

    /** @return the configuration whose catalog and resolutions the queries use. */
    public EngineConfig config()
    {
        return config;
    }

    /** @return the clock that resolves relative ranges. */
    public EpochClock clock()
    {
        return clock;
    }

    /** @return every series known (of catalog metrics). */
    public List<SeriesInfo> series()
    {
        return registry.all();
    }

    /** @return the number of series known (series are never removed): {@code series().size()} without the copy. */
    public int seriesCount()
    {
        return registry.size();
    }

    /** @return stats of every series of {@code metric} merged, over {@code range}. */
    public Stats stats(final String metric, final TimeRange range)
    {
        return stats(metric, Map.of(), range);
    }

    /** @return stats of the series of {@code metric} whose labels include {@code labels}, over {@code range}. */
    public Stats stats(final String metric, final Map<String, String> labels, final TimeRange range)
    {
        return stats(metric, labels, range.resolve(clock.time(), config.engine().resolutions()));
    }

    /** @return stats of the series of {@code metric} whose labels include {@code labels}, over {@code resolved}. */
    public Stats stats(final String metric, final Map<String, String> labels, final TimeRange.ResolvedRange resolved)
    {
        return guard.run(() -> statsQuery.stats(registry.find(metric, labels), resolved));
    }

    /**
     * @return the newest value known of the series of {@code metric} whose labels include {@code labels}, summed over
     *         them, whatever range a caller looks at (a gauge set an hour ago and not since is still its current
     *         value): each series' running totals keep the newest value ever set; a store without totals (written by
     *         an earlier version, or a merged snapshot) answers the newest value it keeps. Null when no series has
     *         data. One aggregate read per series. Thread-safe.
     */
    public Long latest(final String metric, final Map<String, String> labels)
    {
        final List<SeriesInfo> matching = registry.find(metric, labels);
        return guard.run(() ->
        {
            final StoreReader reader = store.newReader();
            final BucketAggregate aggregate = reader.aggregateScratch();
            final TimeRange.ResolvedRange all = TimeRange.ALL.resolve(clock.time(), config.engine().resolutions());
            Long sum = null;
            for (final SeriesInfo s : matching)
            {
                Long last = null;
                if (reader.readAggregate(BucketKey.totals(s.id()), aggregate) &&
                    aggregate.getCount() > 0)
                {
                    last = aggregate.getLast();
                }
                else
                {
                    last = statsQuery.stats(List.of(s), all).last();
                }
                if (last != null)
                {
                    sum = sum == null ? last : SaturatingMath.add(sum, last);
                }
            }
            return sum;
        });
    }

    /**
     * @return the HdrHistogram of every series of histogram {@code metric} whose labels include {@code labels},
     *         merged over {@code range} (a copy: the caller owns it). Values above the metric's {@code highest} are
     *         in it as {@code highest}; {@link #stats} has their exact count, sum and max.
     */
    public Histogram distribution(final String metric, final Map<String, String> labels, final TimeRange range)
    {
        return distributionAndStats(metric, labels, range.resolve(clock.time(), config.engine().resolutions()))
            .histogram();
    }

    private StatsQuery.Distribution distributionAndStats(
        final String metric, final Map<String, String> labels, final TimeRange.ResolvedRange resolved)
    {
        final MetricDefinition definition = registry.metric(metric);
        if (definition.type() != MetricType.HISTOGRAM)
        {
            throw new IllegalArgumentException("metric '" + metric + "' is a " +
                definition.type().name().toLowerCase(Locale.ROOT) + ", not a histogram");
        }
        return guard.run(() -> statsQuery.distribution(registry.find(metric, labels), definition.histogram(), resolved));
    }

    /**
     * Percentiles of every series of histogram {@code metric} whose labels include {@code labels}, merged over
     * {@code range} in one pass over the merged histogram. A percentile that falls among values above the metric's
     * {@code highest} is reported as {@code highest} and listed in {@link PercentileResult#aboveHighest()} (histogram
     * mode; exact samples answer it exactly).
     *
     * @param percentiles fractions in [0, 1] (0.5 = median).
     * @throws IllegalArgumentException for a metric that is not a histogram or a fraction outside [0, 1].
     */
    public PercentileResult percentiles(
        final String metric, final Map<String, String> labels, final TimeRange range, final double... percentiles)
    {
        return percentiles(metric, labels, range.resolve(clock.time(), config.engine().resolutions()), percentiles);
    }

    /**
     * As {@link #percentiles(String, Map, TimeRange, double...)} over the buckets of {@code resolved} (the exact
     * samples are read over the same buckets as the histogram).
     */
    public PercentileResult percentiles(
        final String metric, final Map<String, String> labels, final TimeRange.ResolvedRange resolved,
        final double... percentiles)
    {
        for (final double p : percentiles)
        {
            if (!(p >= 0.0 && p <= 1.0))
            {
                throw new IllegalArgumentException("percentile must be a fraction in [0, 1], was " + p);
            }
        }
        final StatsQuery.Distribution distribution = distributionAndStats(metric, labels, resolved);
        final Histogram merged = distribution.histogram();
        HistogramCoverage.check(store, metric, merged.getTotalCount(), distribution.stats().count());
        final HistogramSpec spec = registry.metric(metric).histogram();
        final Map<Double, Long> values = new LinkedHashMap<>();
        if (spec.exactSamples() > 0 && merged.getTotalCount() > 0)
        {
            final TimeRange.ResolvedRange raw = new TimeRange.ResolvedRange(
                config.engine().resolutions().get(0), resolved.fromMs(), resolved.toMs());
            final long[] samples = guard.run(() -> statsQuery.exactSamples(registry.find(metric, labels), raw));
            if (samples != null && samples.length == merged.getTotalCount())
            {
                Arrays.sort(samples);
                for (final double p : percentiles)
                {
                    values.put(p, samples[Math.max(0, (int)Math.ceil(p * samples.length) - 1)]);
                }
                return new PercentileResult(samples.length, values, PercentileResult.EXACT_MODE, 0.0);
            }
        }
        // HdrHistogram reports a bucket's highest equivalent value: clamp into the exact [min, max] of the values;
        // values above highest are recorded as highest, so a percentile that falls among them is highest, flagged
        final Stats exact = distribution.stats();
        final Set<Double> aboveHighest = new HashSet<>();
        for (final double p : percentiles)
        {
            if (merged.getTotalCount() == 0)
            {
                values.put(p, null);
                continue;
            }
            final long value = merged.getValueAtPercentile(p * 100.0);
            if (AboveHighest.fellAbove(value, spec.highestTrackableValue(), exact.max()))
            {
                values.put(p, spec.highestTrackableValue());
                aboveHighest.add(p);
            }
            else
            {
                values.put(p, Math.max(exact.min(), Math.min(exact.max(), value)));
            }
        }
        return new PercentileResult(merged.getTotalCount(), values, PercentileResult.HISTOGRAM_MODE,
            Math.pow(10, -spec.significantDigits()), aboveHighest);
    }

    /** @return one percentile; see {@link #percentiles(String, Map, TimeRange, double...)}. Null when empty. */
    public Long percentile(final String metric, final Map<String, String> labels, final TimeRange range, final double p)
    {
        return percentiles(metric, labels, range, p).values().get(p);
    }

    /**
     * One point per {@code interval} over [from, to) for the series of {@code metric} whose labels include
     * {@code labels}, reduced by {@code aggregation}; intervals without data have count 0 and a null value.
     *
     * @throws IllegalArgumentException for from after to, a bad interval, a percentile of a non-histogram, or
     *                                  more points than {@code max_query_points}.
     */
    public List<SeriesPoint> timeSeries(
        final String metric, final Map<String, String> labels, final Instant from, final Instant to,
        final Duration interval, final Aggregation aggregation)
    {
        final MetricDefinition definition = registry.metric(metric);
        return guard.run(() -> timeSeriesQuery.series(definition, registry.find(metric, labels), from.toEpochMilli(),
            to.toEpochMilli(), interval.toMillis(), aggregation, clock.time()));
    }

    /**
     * @return the stored buckets of {@code series} at {@code resolution} from {@code fromMs} to now, with what each
     *         series held before, one entry per series with data (the PromQL engine's input; see
     *         {@link BucketSeriesQuery}).
     */
    public List<StoredBuckets> storedBuckets(
        final List<SeriesInfo> series, final Resolution resolution, final long fromMs)
    {
        final long nowMs = clock.time();
        return guard.run(() -> new BucketSeriesQuery(statsQuery, config.engine().resolutions(),
                classicCounts)
            .read(series, resolution, fromMs, nowMs, s -> config.export().bucketsFor(s.metric())));
    }

    /** @return how many closed histogram buckets' classic counts are cached now (for tests and diagnostics). */
    public long classicCountsCached()
    {
        return classicCounts.size();
    }

    /**
     * @return the native-histogram increments of the histogram series of {@code series} at {@code resolution} from
     *         {@code fromMs} to now, with what each held before (see
     *         {@link NativeBucketSeriesQuery}).
     */
    public List<StoredNativeBuckets> storedNativeBuckets(
        final List<SeriesInfo> series, final Resolution resolution, final long fromMs)
    {
        final long nowMs = clock.time();
        return guard.run(() -> new NativeBucketSeriesQuery(statsQuery)
            .read(series, resolution, fromMs, nowMs));
    }

    /**
     * @return per series of {@code series} (same order), the start (epoch ms) of its earliest raw bucket that ever
     *         held data, kept whatever retention removed since ({@code series-starts.dat}); {@link Long#MAX_VALUE}
     *         for a series without data, 0 when the store does not keep starts. One map read per series.
     */
    public long[] firstDataMs(final List<SeriesInfo> series)
    {
        return guard.run(() ->
        {
            final StoreReader reader = store.newReader();
            final long[] out = new long[series.size()];
            for (int i = 0; i < out.length; i++)
            {
                final long sec = reader.earliestDataSec(series.get(i).id());
                out[i] = sec == StoreReader.NO_DATA ? Long.MAX_VALUE : sec * 1000L;
            }
            return out;
        });
    }

    /**
     * @return per second over the range's real length (from its start, for ALL its first bucket with data, to
     *         now, or its end if earlier): the counted total for counters, the number of values for histograms
     *         and gauges; null when the range has no data.
     */
    public Double rate(final String metric, final Map<String, String> labels, final TimeRange range)
    {
        final long nowMs = clock.time();
        return rate(metric, labels, range.resolve(nowMs, config.engine().resolutions()), nowMs);
    }

    /** As {@link #rate(String, Map, TimeRange)} over the buckets of {@code resolved}, as of {@code nowMs}. */
    public Double rate(
        final String metric, final Map<String, String> labels, final TimeRange.ResolvedRange resolved, final long nowMs)
    {
        final MetricDefinition definition = registry.metric(metric);
        return guard.run(() -> statsQuery.rate(definition, registry.find(metric, labels), resolved, nowMs));
    }

    /**
     * Writes a snapshot file of {@code range} to {@code out}: for every series, every stored bucket of every
     * resolution that overlaps the range (count, sum, min, max, sum of squares, last value; the HdrHistogram encoding
     * and the exact samples as stored), so that {@link dev.bridge.analytics.AnalyticsReader#openMerged} over the snapshots of several
     * nodes answers as one engine that saw all their events. The range is resolved once on the queries' clock, as a
     * query would resolve it; the file is streamed to {@code out + ".tmp"} and renamed over {@code out} atomically.
     * Reads what is committed (an engine: call {@code flush()} first). Thread-safe; any number may run at once.
     * See {@link dev.bridge.analytics.snapshot.SnapshotFormat} for the file.
     *
     * @return what was written.
     * @throws java.io.UncheckedIOException when the file cannot be written.
     */
    public SnapshotSummary writeSnapshot(final TimeRange range, final Path out)
    {
        final long nowMs = clock.time();
        final TimeRange.ResolvedRange resolved = range.resolve(nowMs, config.engine().resolutions());
        return guard.run(() ->
        {
            try
            {
                return new SnapshotWriter(store, config.engine().resolutions())
                    .write(registry.all(), nowMs, resolved.fromMs(), resolved.toMs(), out);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot write snapshot " + out + ": " + ex.getMessage(), ex);
            }
        });
    }

    /** @return what {@code read} returns, run under the owner's guard (the store is open while it runs). */
    protected final <T> T read(final Supplier<T> read)
    {
        return guard.run(read);
    }

    /** @return a reader of whole series (their buckets, totals and histograms); one per snapshot. */
    protected final SeriesReader newSeriesReader()
    {
        return statsQuery.newSeriesReader();
    }
}

package dev.bridge.analytics;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.HistogramSpec;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;
import dev.bridge.analytics.dashboard.Dashboard;
import dev.bridge.analytics.export.ExportRange;
import dev.bridge.analytics.export.ExportSnapshot;
import dev.bridge.analytics.export.ExportWriter;
import dev.bridge.analytics.export.ExportWriters;
import dev.bridge.analytics.export.SeriesExport;
import dev.bridge.analytics.export.SnapshotAssembler;
import dev.bridge.analytics.export.SnapshotPart;
import dev.bridge.analytics.query.AboveHighest;
import dev.bridge.analytics.query.Aggregation;
import dev.bridge.analytics.query.HistogramCoverage;
import dev.bridge.analytics.query.PercentileResult;
import dev.bridge.analytics.query.SeriesPoint;
import dev.bridge.analytics.query.SeriesReader;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.StatsQuery;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.query.TimeSeriesQuery;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.series.SeriesRegistry;
import dev.bridge.analytics.snapshot.SnapshotSummary;
import dev.bridge.analytics.snapshot.SnapshotWriter;
import dev.bridge.analytics.store.MetricStore;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The query side over a store: stats, merged histograms, percentiles, time series and rates, by metric name and
 * label filter (exact match on the given labels; no labels = every series of the metric merged). Used by a
 * running {@link AnalyticsEngine} and by an {@link AnalyticsReader} on a store another process writes.
 * Thread-safe: every call reads the store with its own reader, under the owner's guard.
 */
public final class AnalyticsQueries
{
    private final EngineConfig config;
    private final MetricStore store;
    private final SeriesRegistry registry;
    private final StatsQuery statsQuery;
    private final TimeSeriesQuery timeSeriesQuery;
    private final EpochClock clock;
    private final Guard guard;
    /** The engine's alerts (set once its alert manager exists); none for a reader of a store. */
    private volatile java.util.function.Supplier<dev.bridge.analytics.alert.AlertsSnapshot> alertsSource =
        () -> dev.bridge.analytics.alert.AlertsSnapshot.EMPTY;
    /** The export order of the series last exported (see {@link #exportOrder}); immutable, replaced whole. */
    private volatile List<SeriesInfo> lastExportOrder;
    /** The classic-bound counts of closed histogram buckets, shared by the PromQL queries over this store. */
    private final dev.bridge.analytics.query.ClassicCountsCache classicCounts =
        new dev.bridge.analytics.query.ClassicCountsCache(dev.bridge.analytics.query.ClassicCountsCache.DEFAULT_MAX_BUCKETS);

    /** Runs a store read while the store is open (the owner's lock and open check). */
    @FunctionalInterface
    interface Guard
    {
        <T> T run(Supplier<T> read);
    }

    AnalyticsQueries(
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

    /** The same queries with another clock (an export's dashboard reads the instant its snapshot was taken at). */
    private AnalyticsQueries(final AnalyticsQueries queries, final EpochClock clock)
    {
        this.config = queries.config;
        this.store = queries.store;
        this.registry = queries.registry;
        this.statsQuery = queries.statsQuery;
        this.timeSeriesQuery = queries.timeSeriesQuery;
        this.clock = clock;
        this.guard = queries.guard;
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

    /** @return stats of every series of {@code metric} merged, over {@code range}. */
    public Stats stats(final String metric, final TimeRange range)
    {
        return stats(metric, Map.of(), range);
    }

    /** @return stats of the series of {@code metric} whose labels include {@code labels}, over {@code range}. */
    public Stats stats(final String metric, final Map<String, String> labels, final TimeRange range)
    {
        final TimeRange.ResolvedRange resolved = range.resolve(clock.time(), config.engine().resolutions());
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
            final dev.bridge.analytics.store.StoreReader reader = store.newReader();
            final dev.bridge.analytics.store.BucketAggregate aggregate = reader.aggregateScratch();
            final TimeRange.ResolvedRange all = TimeRange.ALL.resolve(clock.time(), config.engine().resolutions());
            Long sum = null;
            for (final SeriesInfo s : matching)
            {
                Long last = null;
                if (reader.readAggregate(dev.bridge.analytics.store.BucketKey.totals(s.id()), aggregate) &&
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
                    sum = sum == null ? last : dev.bridge.analytics.store.SaturatingMath.add(sum, last);
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
                definition.type().name().toLowerCase(java.util.Locale.ROOT) + ", not a histogram");
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
        for (final double p : percentiles)
        {
            if (!(p >= 0.0 && p <= 1.0))
            {
                throw new IllegalArgumentException("percentile must be a fraction in [0, 1], was " + p);
            }
        }
        // resolved once: the exact samples below are read over the same buckets as the histogram
        final TimeRange.ResolvedRange resolved = range.resolve(clock.time(), config.engine().resolutions());
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
                java.util.Arrays.sort(samples);
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
     *         {@link dev.bridge.analytics.query.BucketSeriesQuery}).
     */
    public List<dev.bridge.analytics.query.StoredBuckets> storedBuckets(
        final List<SeriesInfo> series, final dev.bridge.analytics.config.Resolution resolution, final long fromMs)
    {
        final long nowMs = clock.time();
        return guard.run(() -> new dev.bridge.analytics.query.BucketSeriesQuery(statsQuery, config.engine().resolutions(),
                classicCounts)
            .read(series, resolution, fromMs, nowMs, s -> config.export().bucketsFor(s.metric())));
    }

    /** @return how many closed histogram buckets' classic counts are cached now (for tests and diagnostics). */
    long classicCountsCached()
    {
        return classicCounts.size();
    }

    /**
     * @return the native-histogram increments of the histogram series of {@code series} at {@code resolution} from
     *         {@code fromMs} to now, with what each held before (see
     *         {@link dev.bridge.analytics.query.NativeBucketSeriesQuery}).
     */
    public List<dev.bridge.analytics.query.StoredNativeBuckets> storedNativeBuckets(
        final List<SeriesInfo> series, final dev.bridge.analytics.config.Resolution resolution, final long fromMs)
    {
        final long nowMs = clock.time();
        return guard.run(() -> new dev.bridge.analytics.query.NativeBucketSeriesQuery(statsQuery)
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
            final dev.bridge.analytics.store.StoreReader reader = store.newReader();
            final long[] out = new long[series.size()];
            for (int i = 0; i < out.length; i++)
            {
                final long sec = reader.earliestDataSec(series.get(i).id());
                out[i] = sec == dev.bridge.analytics.store.StoreReader.NO_DATA ? Long.MAX_VALUE : sec * 1000L;
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
        final MetricDefinition definition = registry.metric(metric);
        final long nowMs = clock.time();
        final TimeRange.ResolvedRange resolved = range.resolve(nowMs, config.engine().resolutions());
        return guard.run(() -> statsQuery.rate(definition, registry.find(metric, labels), resolved, nowMs));
    }

    /**
     * @return every field of the DSPex dashboard over {@code range} (operations, latency percentiles, cache,
     *         optimisations, health); fields without data, or whose metric the catalog lacks, are null. See
     *         {@link dev.bridge.analytics.dashboard.DashboardQuery} for how the figures are read.
     */
    public dev.bridge.analytics.dashboard.Dashboard dashboard(final TimeRange range)
    {
        return dev.bridge.analytics.dashboard.DashboardQuery.run(this, range);
    }

    /**
     * Writes every series over {@code range} in {@code format} to {@code out} (not closed), from one snapshot of
     * the store, so that every format of the same snapshot agrees. See {@link ExportSnapshot} for what a snapshot
     * holds and the writers of {@link ExportWriters} for each format. Counters are totals over the range (over
     * {@link TimeRange#ALL}: over everything retention still keeps); a Prometheus scrape reads {@link #scrape}.
     *
     * @throws java.io.IOException from {@code out}.
     */
    public void export(
        final dev.bridge.analytics.export.ExportFormat format, final TimeRange range, final java.io.OutputStream out)
        throws java.io.IOException
    {
        final ExportWriter writer = ExportWriters.of(format);
        writer.write(snapshot(range, writer.parts()), out);
    }

    /**
     * Writes what a Prometheus scrape reads ({@code /metrics}) in {@code format} to {@code out} (not closed): every
     * series' running totals since it was created ({@link #totals}), so counters, histogram counts, sums and buckets
     * never decrease and {@code _created} never moves forward, whatever retention removes. Costs one aggregate read
     * (and one histogram read per histogram series) per series, whatever the history's length. Thread-safe.
     *
     * @throws java.io.IOException from {@code out}.
     */
    public void scrape(final dev.bridge.analytics.export.ExportFormat format, final java.io.OutputStream out)
        throws java.io.IOException
    {
        final ExportWriter writer = ExportWriters.of(format);
        writer.write(totals(writer.parts()), out);
    }

    /**
     * Takes one snapshot of every series' running totals since it was created (the store's
     * {@link dev.bridge.analytics.store.BucketKey#totals} entries, written at each commit): counts, sums and the
     * histogram of everything each series recorded, independent of retention and rollups; gauges' last value is the
     * newest ever set; created times from {@code series-starts.dat}. Its range is {@link TimeRange#ALL} (what a
     * store without totals is read over, see {@link dev.bridge.analytics.query.SeriesReader#readTotals}); buckets
     * are never read; the dashboard part, if asked for, is over {@link TimeRange#ALL}.
     *
     * @param parts the optional parts to read.
     * @return the snapshot; see {@link ExportSnapshot}.
     */
    public ExportSnapshot totals(final Set<SnapshotPart> parts)
    {
        return snapshot(TimeRange.ALL, parts, true);
    }

    /**
     * Writes a snapshot file of {@code range} to {@code out}: for every series, every stored bucket of every
     * resolution that overlaps the range (count, sum, min, max, sum of squares, last value; the HdrHistogram encoding
     * and the exact samples as stored), so that {@link AnalyticsReader#openMerged} over the snapshots of several
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

    /** @return the engine's active alerts and silences now ({@code AlertsSnapshot.EMPTY} for a store reader). */
    public dev.bridge.analytics.alert.AlertsSnapshot alerts()
    {
        return alertsSource.get();
    }

    /** Sets where {@link #alerts()} reads from: the engine's alert manager. */
    void alertsSource(final java.util.function.Supplier<dev.bridge.analytics.alert.AlertsSnapshot> source)
    {
        alertsSource = source;
    }

    /** @return a snapshot of every series over {@code range} with every optional part but the distributions. */
    public ExportSnapshot snapshot(final TimeRange range)
    {
        return snapshot(range, EnumSet.of(SnapshotPart.BUCKETS, SnapshotPart.DASHBOARD));
    }

    /**
     * Takes one snapshot of every series known (catalog metrics, and the engine's own gauges when registered) over
     * {@code range}: the clock is read once and the range resolved once, then each series is read in one pass.
     *
     * @param parts the optional parts to read (the dashboard and the buckets cost extra reads).
     * @return the snapshot; see {@link ExportSnapshot}.
     */
    public ExportSnapshot snapshot(final TimeRange range, final Set<SnapshotPart> parts)
    {
        return snapshot(range, parts, false);
    }

    private ExportSnapshot snapshot(final TimeRange range, final Set<SnapshotPart> parts, final boolean totals)
    {
        final long nowMs = clock.time();
        final TimeRange.ResolvedRange resolved = range.resolve(nowMs, config.engine().resolutions());
        final ExportRange exportRange = ExportRange.of(range, resolved);
        final ExportSettings settings = config.export();
        final List<Double> percentiles = ExportSnapshot.percentilesFor(settings);
        final boolean withBuckets = parts.contains(SnapshotPart.BUCKETS);
        final boolean withDistributions = parts.contains(SnapshotPart.DISTRIBUTIONS);
        final List<SeriesExport> series = guard.run(() ->
        {
            final SeriesReader reader = statsQuery.newSeriesReader();
            final List<SeriesExport> read = new ArrayList<>();
            for (final SeriesInfo info : exportOrder(registry.all()))
            {
                read.add(totals ?
                    SnapshotAssembler.total(reader.readTotals(info, resolved, nowMs), settings, percentiles, withDistributions) :
                    SnapshotAssembler.series(reader.read(info, resolved, withBuckets, nowMs), exportRange, settings,
                        percentiles, withDistributions));
            }
            return read;
        });
        final Dashboard dashboard = parts.contains(SnapshotPart.DASHBOARD) ?
            new AnalyticsQueries(this, () -> nowMs).dashboard(range) : null;
        return new ExportSnapshot(nowMs, exportRange, series, dashboard, settings, parts, alerts());
    }

    /**
     * @return {@code series} in catalog order (the engine's own metrics after it), then by their keys; the last
     *         order computed is kept while the number of series is unchanged (series are never removed).
     */
    private List<SeriesInfo> exportOrder(final List<SeriesInfo> series)
    {
        final List<SeriesInfo> last = lastExportOrder;
        if (last != null && last.size() == series.size())
        {
            return last;
        }
        final List<SeriesInfo> sorted = sortForExport(series);
        lastExportOrder = sorted;
        return sorted;
    }

    private List<SeriesInfo> sortForExport(final List<SeriesInfo> series)
    {
        final Map<String, Integer> order = new HashMap<>();
        final List<MetricDefinition> catalog = config.metrics();
        for (int i = 0; i < catalog.size(); i++)
        {
            order.put(catalog.get(i).name(), i);
        }
        final List<SeriesInfo> sorted = new ArrayList<>(series);
        sorted.sort(Comparator
            .comparingInt((SeriesInfo s) -> order.getOrDefault(s.metric().name(), Integer.MAX_VALUE))
            .thenComparing(s -> s.metric().name())
            .thenComparing(SeriesInfo::key));
        return List.copyOf(sorted);
    }
}

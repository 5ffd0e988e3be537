package dev.bridge.analytics;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.alert.AlertsSnapshot;
import dev.bridge.analytics.dashboard.Dashboard;
import dev.bridge.analytics.dashboard.DashboardQuery;
import dev.bridge.analytics.export.ExportFormat;
import dev.bridge.analytics.export.ExportRange;
import dev.bridge.analytics.export.ExportSnapshot;
import dev.bridge.analytics.export.ExportWriter;
import dev.bridge.analytics.export.ExportWriters;
import dev.bridge.analytics.export.SeriesExport;
import dev.bridge.analytics.export.SnapshotAssembler;
import dev.bridge.analytics.export.SnapshotPart;
import dev.bridge.analytics.export.SnapshotSource;
import dev.bridge.analytics.export.StreamingScrapes;
import dev.bridge.analytics.query.SeriesReader;
import dev.bridge.analytics.query.StoreQueries;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.series.SeriesInfo;
import dev.bridge.analytics.series.SeriesRegistry;
import dev.bridge.analytics.store.MetricStore;
import org.agrona.concurrent.EpochClock;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The query side over a store: the reads of {@link StoreQueries} (stats, merged histograms, percentiles, time
 * series and rates, by metric name and label filter), the dashboard, exports and Prometheus scrapes, and the
 * engine's alerts. Used by a running {@link AnalyticsEngine} and by an {@link AnalyticsReader} on a store another
 * process writes. Thread-safe: every call reads the store with its own reader, under the owner's guard.
 */
public final class AnalyticsQueries extends StoreQueries implements SnapshotSource
{
    /** The engine's alerts (set once its alert manager exists); none for a reader of a store. */
    private volatile Supplier<AlertsSnapshot> alertsSource = () -> AlertsSnapshot.EMPTY;
    /** The export order of the series last exported (see {@link #exportOrder}); immutable, replaced whole. */
    private volatile List<SeriesInfo> lastExportOrder;
    /** The streaming /metrics (text formats): its plan and reused buffers. */
    private final StreamingScrapes streamingScrapes;

    AnalyticsQueries(
        final EngineConfig config, final SeriesRegistry registry, final MetricStore store, final EpochClock clock,
        final Guard guard)
    {
        super(config, registry, store, clock, guard);
        this.streamingScrapes = new StreamingScrapes(config.export());
    }

    /**
     * @return every field of the DSPex dashboard over {@code range} (operations, latency percentiles, cache,
     *         optimisations, health); fields without data, or whose metric the catalog lacks, are null. See
     *         {@link dev.bridge.analytics.dashboard.DashboardQuery} for how the figures are read.
     */
    public Dashboard dashboard(final TimeRange range)
    {
        return DashboardQuery.run(this, range);
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
        final ExportFormat format, final TimeRange range, final OutputStream out) throws IOException
    {
        final ExportWriter writer = ExportWriters.of(format);
        writer.write(snapshot(range, writer.parts()), out);
    }

    /**
     * Writes what a Prometheus scrape reads ({@code /metrics}) in {@code format} to {@code out} (not closed): every
     * series' running totals since it was created ({@link #totals}), so counters, histogram counts, sums and buckets
     * never decrease and {@code _created} never moves forward, whatever retention removes. Costs one aggregate read
     * (and one histogram read per histogram series) per series, whatever the history's length. Text 0.0.4 and
     * OpenMetrics are streamed from the store ({@link StreamingScrapes}: the same bytes as client_java's writers, no
     * snapshot); protobuf is written from {@link #totals} by client_java. Thread-safe.
     *
     * @throws java.io.IOException from {@code out}.
     */
    public void scrape(final ExportFormat format, final OutputStream out) throws IOException
    {
        final long nowMs = clock().time();
        if (streamingScrapes.scrape(format, exportOrder(), this::read, this::newSeriesReader,
            TimeRange.ALL.resolve(nowMs, config().engine().resolutions()), nowMs, alerts(), out))
        {
            return;
        }
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
    @Override
    public ExportSnapshot totals(final Set<SnapshotPart> parts)
    {
        return snapshot(TimeRange.ALL, parts, true);
    }

    /** @return the engine's active alerts and silences now ({@code AlertsSnapshot.EMPTY} for a store reader). */
    public AlertsSnapshot alerts()
    {
        return alertsSource.get();
    }

    /** Sets where {@link #alerts()} reads from: the engine's alert manager. */
    void alertsSource(final Supplier<AlertsSnapshot> source)
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
    @Override
    public ExportSnapshot snapshot(final TimeRange range, final Set<SnapshotPart> parts)
    {
        return snapshot(range, parts, false);
    }

    private ExportSnapshot snapshot(final TimeRange range, final Set<SnapshotPart> parts, final boolean totals)
    {
        final long nowMs = clock().time();
        final TimeRange.ResolvedRange resolved = range.resolve(nowMs, config().engine().resolutions());
        final ExportRange exportRange = ExportRange.of(range, resolved);
        final ExportSettings settings = config().export();
        final List<Double> percentiles = ExportSnapshot.percentilesFor(settings);
        final boolean withBuckets = parts.contains(SnapshotPart.BUCKETS);
        final boolean withDistributions = parts.contains(SnapshotPart.DISTRIBUTIONS);
        final List<SeriesExport> series = read(() ->
        {
            final SeriesReader reader = newSeriesReader();
            final List<SeriesExport> read = new ArrayList<>();
            for (final SeriesInfo info : exportOrder())
            {
                read.add(totals ?
                    SnapshotAssembler.total(reader.readTotals(info, resolved, nowMs), settings, percentiles, withDistributions) :
                    SnapshotAssembler.series(reader.read(info, resolved, withBuckets, nowMs), exportRange, settings,
                        percentiles, withDistributions));
            }
            return read;
        });
        final Dashboard dashboard = parts.contains(SnapshotPart.DASHBOARD) ?
            DashboardQuery.run(this, range, nowMs) : null;
        return new ExportSnapshot(nowMs, exportRange, series, dashboard, settings, parts, alerts());
    }

    /**
     * @return every series in catalog order (the engine's own metrics after it), then by their keys; the last
     *         order computed is kept while the number of series is unchanged (series are never removed), so a scrape
     *         copies no series list unless a series was added.
     */
    private List<SeriesInfo> exportOrder()
    {
        final List<SeriesInfo> last = lastExportOrder;
        if (last != null && last.size() == seriesCount())
        {
            return last;
        }
        final List<SeriesInfo> sorted = sortForExport(series());
        lastExportOrder = sorted;
        return sorted;
    }

    private List<SeriesInfo> sortForExport(final List<SeriesInfo> series)
    {
        final Map<String, Integer> order = new HashMap<>();
        final List<MetricDefinition> catalog = config().metrics();
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

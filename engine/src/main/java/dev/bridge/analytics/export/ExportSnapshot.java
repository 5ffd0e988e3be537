package dev.bridge.analytics.export;

import dev.bridge.analytics.alert.AlertsSnapshot;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.dashboard.Dashboard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every series of a store over one range, read once: what every export format writes, so that the formats of
 * one snapshot agree to the value. Taken by {@link dev.bridge.analytics.AnalyticsQueries#snapshot}: the clock is
 * read once and the range resolved once; then each series is read in one pass over its buckets (stats, the
 * merged histogram turned into {@link HistogramExport}, optionally its buckets), in catalog order then by label
 * values. Series without data in the range are included with {@link dev.bridge.analytics.query.Stats#EMPTY}: each
 * writer decides what to do with them.
 * <p>
 * The store is not frozen while the series are read: events committed meanwhile may show in later series and
 * not in earlier ones (call {@code engine.flush()} and let the producers pause for a settled view). The dashboard,
 * when asked for, is computed at the same instant and over the same resolved range, from its own reads.
 * <p>
 * Immutable, thread-safe.
 */
public final class ExportSnapshot
{
    /** Percentiles every histogram series gets, besides the configured summary quantiles. */
    public static final List<Double> DEFAULT_PERCENTILES = List.of(0.5, 0.9, 0.95, 0.99, 0.999);

    private final long takenAtMs;
    private final ExportRange range;
    private final List<SeriesExport> series;
    private final Dashboard dashboard;
    private final ExportSettings settings;
    private final Set<SnapshotPart> parts;
    private final AlertsSnapshot alerts;

    /**
     * @param takenAtMs epoch ms the range was resolved at (the queries' clock).
     * @param range     the resolved range.
     * @param series    every series, in export order.
     * @param dashboard the dashboard of the range; null unless {@code parts} has {@link SnapshotPart#DASHBOARD}.
     * @param settings  the export settings the snapshot was shaped with (prefix, quantiles, bucket bounds).
     * @param parts     the optional parts present.
     */
    public ExportSnapshot(
        final long takenAtMs, final ExportRange range, final List<SeriesExport> series, final Dashboard dashboard,
        final ExportSettings settings, final Set<SnapshotPart> parts)
    {
        this(takenAtMs, range, series, dashboard, settings, parts, AlertsSnapshot.EMPTY);
    }

    /**
     * As {@link #ExportSnapshot(long, ExportRange, List, Dashboard, ExportSettings, Set)} with the engine's alerts
     * at the same moment (exported as Prometheus' {@code ALERTS} series).
     */
    public ExportSnapshot(
        final long takenAtMs, final ExportRange range, final List<SeriesExport> series, final Dashboard dashboard,
        final ExportSettings settings, final Set<SnapshotPart> parts, final AlertsSnapshot alerts)
    {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.takenAtMs = takenAtMs;
        this.range = Objects.requireNonNull(range, "range");
        this.series = List.copyOf(series);
        this.dashboard = dashboard;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.parts = Collections.unmodifiableSet(parts.isEmpty() ? EnumSet.noneOf(SnapshotPart.class) : EnumSet.copyOf(parts));
        if (parts.contains(SnapshotPart.DASHBOARD) != (dashboard != null))
        {
            throw new IllegalArgumentException("a dashboard goes with SnapshotPart.DASHBOARD, and only with it");
        }
    }

    /** @return the engine's alerts and silences when the snapshot was taken ({@code EMPTY} without an engine). */
    public AlertsSnapshot alerts()
    {
        return alerts;
    }

    /** @return the percentiles of every histogram series: {@link #DEFAULT_PERCENTILES} and the summary quantiles. */
    public static List<Double> percentilesFor(final ExportSettings settings)
    {
        final TreeSet<Double> all = new TreeSet<>(DEFAULT_PERCENTILES);
        all.addAll(settings.summaryQuantiles());
        return List.copyOf(new ArrayList<>(all));
    }

    /** @return epoch ms the snapshot's range was resolved at. */
    public long takenAtMs()
    {
        return takenAtMs;
    }

    /** @return the resolved range. */
    public ExportRange range()
    {
        return range;
    }

    /** @return every series, in catalog order then by label values; those without data included. */
    public List<SeriesExport> series()
    {
        return series;
    }

    /** @return the dashboard of the range; null unless the snapshot has {@link SnapshotPart#DASHBOARD}. */
    public Dashboard dashboard()
    {
        return dashboard;
    }

    /** @return the export settings (prefix, summary quantiles, bucket bounds, StatsD) the snapshot was taken with. */
    public ExportSettings settings()
    {
        return settings;
    }

    /** @return the optional parts this snapshot holds. */
    public Set<SnapshotPart> parts()
    {
        return parts;
    }
}

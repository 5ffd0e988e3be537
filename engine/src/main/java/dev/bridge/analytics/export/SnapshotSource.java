package dev.bridge.analytics.export;

import dev.bridge.analytics.query.TimeRange;

import java.util.Set;

/**
 * Where exporters that push (remote write, the StatsD push) take their snapshots from: an engine's queries
 * ({@link dev.bridge.analytics.AnalyticsQueries}). Implementations are thread-safe.
 */
public interface SnapshotSource
{
    /**
     * @param range the range every series is read over.
     * @param parts the optional parts to read.
     * @return one snapshot of every series known over {@code range}; see {@link ExportSnapshot}.
     */
    ExportSnapshot snapshot(TimeRange range, Set<SnapshotPart> parts);

    /**
     * @param parts the optional parts to read.
     * @return one snapshot of every series' running totals since it was created (what a Prometheus scrape reads).
     */
    ExportSnapshot totals(Set<SnapshotPart> parts);
}

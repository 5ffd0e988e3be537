package dev.bridge.analytics.export;

/**
 * Optional parts of an {@link ExportSnapshot}, read only when a writer needs them (the stats, totals, last values,
 * histogram buckets and percentiles of every series are always there). Thread-safe (constants).
 */
public enum SnapshotPart
{
    /** One row per series per bucket with data ({@link SeriesExport#buckets()}): the CSV export. */
    BUCKETS,
    /** The dashboard of the range ({@link ExportSnapshot#dashboard()}): the JSON export. */
    DASHBOARD,
    /** The merged HdrHistogram of every histogram series ({@link SeriesExport#distribution()}): the StatsD push. */
    DISTRIBUTIONS
}

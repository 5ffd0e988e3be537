package dev.bridge.analytics.config;

/** Kind of a metric of the catalog. Written in YAML in lower case ({@code counter}, {@code histogram}, {@code gauge}). */
public enum MetricType
{
    /** Monotonic total; {@code add(n)} with n >= 0. */
    COUNTER,
    /** Distribution of recorded values, percentiles from HdrHistogram. */
    HISTOGRAM,
    /** Last value wins (by publish order); may be negative. */
    GAUGE
}

package dev.bridge.analytics.dashboard;

/**
 * The dashboard of one time range: every field of the DSPex seed's dashboard, computed from the catalog metrics
 * named in {@link DashboardMetrics}. A field whose inputs have no data in the range, or whose metric the catalog
 * lacks, is null (never NaN). Rendered as JSON by {@link DashboardJson} with the snake_case names given below.
 * Immutable, thread-safe.
 *
 * @param timestamp     epoch ms of the query (the queries' clock).
 * @param range         the range asked for and the buckets it selected.
 * @param operations    variable reads, writes and deletes.
 * @param performance   read and write latency percentiles.
 * @param cache         cache hits, misses and evictions.
 * @param optimizations optimisation runs.
 * @param health        errors, sessions and resources.
 */
public record Dashboard(
    long timestamp,
    Range range,
    Operations operations,
    Performance performance,
    Cache cache,
    Optimizations optimizations,
    Health health)
{
    /**
     * The range of a dashboard ({@code range}).
     *
     * @param name         the range's name: {@code all}, {@code last_minute}, ..., or {@code <from>/<to>}.
     * @param fromMs       first bucket start read (epoch ms); null for {@code all} (from the oldest bucket).
     * @param toMs         bucket starts before this are read (epoch ms); null for {@code all} (to the newest).
     * @param resolutionMs width of the buckets read (the resolution answering the range).
     */
    public record Range(String name, Long fromMs, Long toMs, long resolutionMs)
    {
    }

    /**
     * Operations ({@code operations}).
     *
     * @param readsPerSecond  {@code reads_per_second}: variable_read total per second of the range's real length.
     * @param writesPerSecond {@code writes_per_second}: variable_write total per second of the range's real length.
     * @param totalOperations {@code total_operations}: variable_read + variable_write + variable_delete totals.
     */
    public record Operations(Double readsPerSecond, Double writesPerSecond, Long totalOperations)
    {
    }

    /**
     * Latency percentiles in microseconds ({@code performance}), from the merged HdrHistograms of
     * read_latency_us and write_latency_us (within their significant digits).
     *
     * @param readLatencyP50  {@code read_latency_p50}.
     * @param readLatencyP95  {@code read_latency_p95}.
     * @param readLatencyP99  {@code read_latency_p99}.
     * @param writeLatencyP50 {@code write_latency_p50}.
     * @param writeLatencyP95 {@code write_latency_p95}.
     * @param writeLatencyP99 {@code write_latency_p99}.
     */
    public record Performance(
        Long readLatencyP50, Long readLatencyP95, Long readLatencyP99,
        Long writeLatencyP50, Long writeLatencyP95, Long writeLatencyP99)
    {
    }

    /**
     * The variable cache ({@code cache}).
     *
     * @param hitRate     {@code hit_rate}: hits / (hits + misses); null without lookups.
     * @param totalHits   {@code total_hits}: cache_hit total.
     * @param totalMisses {@code total_misses}: cache_miss total.
     * @param evictions   {@code evictions}: cache_eviction total.
     */
    public record Cache(Double hitRate, Long totalHits, Long totalMisses, Long evictions)
    {
    }

    /**
     * Optimisation runs ({@code optimizations}).
     *
     * @param active        {@code active}: started - completed - failed over everything stored (runs in progress
     *                      now, whatever the range), at least 0.
     * @param completed     {@code completed}: optimization_completed total in the range.
     * @param failed        {@code failed}: optimization_failed total in the range.
     * @param successRate   {@code success_rate}: completed / (completed + failed); null without finished runs.
     * @param avgDurationMs {@code avg_duration_ms}: mean of optimization_duration_ms in the range.
     */
    public record Optimizations(Long active, Long completed, Long failed, Double successRate, Double avgDurationMs)
    {
    }

    /**
     * Health ({@code health}).
     *
     * @param errorRate      {@code error_rate}: (operation_error + grpc_error + timeout_error totals) /
     *                       total_operations; null without operations.
     * @param activeSessions {@code active_sessions}: the current value (the newest known, whatever the range).
     * @param memoryUsageMb  {@code memory_usage_mb}: the current value (the newest known, whatever the range).
     * @param processCount   {@code process_count}: the current value (the newest known, whatever the range).
     */
    public record Health(Double errorRate, Long activeSessions, Long memoryUsageMb, Long processCount)
    {
    }
}

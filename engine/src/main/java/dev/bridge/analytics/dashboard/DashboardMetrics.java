package dev.bridge.analytics.dashboard;

import dev.bridge.analytics.config.MetricType;

import java.util.List;

/**
 * The metrics of the DSPex catalog (config/analytics.yaml) that the dashboard reads, with the type each must have.
 * A catalog without one of them, or with it under another type, leaves the fields it feeds null.
 * Constants only; thread-safe.
 */
public final class DashboardMetrics
{
    /** A metric the dashboard reads: its catalog name and the type the dashboard expects. */
    public record Metric(String name, MetricType type)
    {
    }

    public static final Metric VARIABLE_READ = counter("variable_read");
    public static final Metric VARIABLE_WRITE = counter("variable_write");
    public static final Metric VARIABLE_DELETE = counter("variable_delete");

    public static final Metric READ_LATENCY_US = histogram("read_latency_us");
    public static final Metric WRITE_LATENCY_US = histogram("write_latency_us");

    public static final Metric CACHE_HIT = counter("cache_hit");
    public static final Metric CACHE_MISS = counter("cache_miss");
    public static final Metric CACHE_EVICTION = counter("cache_eviction");

    public static final Metric OPTIMIZATION_STARTED = counter("optimization_started");
    public static final Metric OPTIMIZATION_COMPLETED = counter("optimization_completed");
    public static final Metric OPTIMIZATION_FAILED = counter("optimization_failed");
    public static final Metric OPTIMIZATION_DURATION_MS = histogram("optimization_duration_ms");

    public static final Metric OPERATION_ERROR = counter("operation_error");
    public static final Metric GRPC_ERROR = counter("grpc_error");
    public static final Metric TIMEOUT_ERROR = counter("timeout_error");

    public static final Metric ACTIVE_SESSIONS = gauge("active_sessions");
    public static final Metric MEMORY_USAGE_MB = gauge("memory_usage_mb");
    public static final Metric PROCESS_COUNT = gauge("process_count");

    /** The operations counted in {@code total_operations}: reads, writes and deletes. */
    public static final List<Metric> OPERATIONS = List.of(VARIABLE_READ, VARIABLE_WRITE, VARIABLE_DELETE);

    /** The errors counted in {@code error_rate}. */
    public static final List<Metric> ERRORS = List.of(OPERATION_ERROR, GRPC_ERROR, TIMEOUT_ERROR);

    /** The latency percentiles of the performance section, as fractions. */
    static final double[] LATENCY_PERCENTILES = { 0.50, 0.95, 0.99 };

    private DashboardMetrics()
    {
    }

    private static Metric counter(final String name)
    {
        return new Metric(name, MetricType.COUNTER);
    }

    private static Metric histogram(final String name)
    {
        return new Metric(name, MetricType.HISTOGRAM);
    }

    private static Metric gauge(final String name)
    {
        return new Metric(name, MetricType.GAUGE);
    }
}

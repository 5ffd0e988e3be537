package dev.bridge.analytics.alert;

import dev.bridge.analytics.config.AlertExpr;
import dev.bridge.analytics.dashboard.Dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the dashboard fields named in {@link AlertExpr#DASHBOARD_FIELDS} from a {@link Dashboard}. Stateless,
 * thread-safe.
 */
final class DashboardFields
{
    private static final Map<String, Function<Dashboard, Number>> FIELDS = new LinkedHashMap<>();

    static
    {
        FIELDS.put("operations.reads_per_second", d -> d.operations().readsPerSecond());
        FIELDS.put("operations.writes_per_second", d -> d.operations().writesPerSecond());
        FIELDS.put("operations.total_operations", d -> d.operations().totalOperations());
        FIELDS.put("performance.read_latency_p50", d -> d.performance().readLatencyP50());
        FIELDS.put("performance.read_latency_p95", d -> d.performance().readLatencyP95());
        FIELDS.put("performance.read_latency_p99", d -> d.performance().readLatencyP99());
        FIELDS.put("performance.write_latency_p50", d -> d.performance().writeLatencyP50());
        FIELDS.put("performance.write_latency_p95", d -> d.performance().writeLatencyP95());
        FIELDS.put("performance.write_latency_p99", d -> d.performance().writeLatencyP99());
        FIELDS.put("cache.hit_rate", d -> d.cache().hitRate());
        FIELDS.put("cache.total_hits", d -> d.cache().totalHits());
        FIELDS.put("cache.total_misses", d -> d.cache().totalMisses());
        FIELDS.put("cache.evictions", d -> d.cache().evictions());
        FIELDS.put("optimizations.active", d -> d.optimizations().active());
        FIELDS.put("optimizations.completed", d -> d.optimizations().completed());
        FIELDS.put("optimizations.failed", d -> d.optimizations().failed());
        FIELDS.put("optimizations.success_rate", d -> d.optimizations().successRate());
        FIELDS.put("optimizations.avg_duration_ms", d -> d.optimizations().avgDurationMs());
        FIELDS.put("health.error_rate", d -> d.health().errorRate());
        FIELDS.put("health.active_sessions", d -> d.health().activeSessions());
        FIELDS.put("health.memory_usage_mb", d -> d.health().memoryUsageMb());
        FIELDS.put("health.process_count", d -> d.health().processCount());
    }

    private DashboardFields()
    {
    }

    /** @return the names this class reads, in order (equal to {@link AlertExpr#DASHBOARD_FIELDS}). */
    static Iterable<String> names()
    {
        return FIELDS.keySet();
    }

    /** @return the field's value, null when the dashboard has none. */
    static Double read(final Dashboard dashboard, final String field)
    {
        final Function<Dashboard, Number> reader = FIELDS.get(field);
        if (reader == null)
        {
            throw new IllegalArgumentException("unknown dashboard field '" + field + "'");
        }
        final Number n = reader.apply(dashboard);
        return n == null ? null : n.doubleValue();
    }
}

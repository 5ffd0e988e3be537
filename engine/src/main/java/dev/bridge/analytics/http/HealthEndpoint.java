package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.config.EngineSettings;
import dev.bridge.analytics.config.Resolution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /api/health}: whether the server answers, and the facts the page and an operator need:
 * <pre>{@code
 * {"status":"ok","now_ms":1700000000500,"uptime_ms":1500,"store_directory":"/var/lib/analytics",
 *  "series":52,"max_query_points":10000,
 *  "resolutions":[{"width_ms":1000,"retention_ms":3600000},{"width_ms":60000,"retention_ms":86400000},...],
 *  ...the engine's facts, e.g. "events_published":120,"events_aggregated":120,"events_dropped":0}
 * }</pre>
 * Times are read on the queries' clock ({@code uptime_ms} since the server started). The engine's facts come from
 * the supplier given to the server ({@link EngineHealth#of}), none without one. Takes no parameters. Immutable,
 * thread-safe (the supplier must be too).
 */
final class HealthEndpoint implements Endpoint
{
    private final AnalyticsQueries queries;
    private final Supplier<Map<String, Object>> engineFacts;
    private final long startedMs;

    HealthEndpoint(final AnalyticsQueries queries, final Supplier<Map<String, Object>> engineFacts)
    {
        this.queries = queries;
        this.engineFacts = engineFacts;
        this.startedMs = queries.clock().time();
    }

    @Override
    public List<String> parameters()
    {
        return List.of();
    }

    @Override
    public Reply serve(final Request request)
    {
        final EngineSettings settings = queries.config().engine();
        final long nowMs = queries.clock().time();
        final Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "ok");
        health.put("now_ms", nowMs);
        health.put("uptime_ms", nowMs - startedMs);
        health.put("store_directory", settings.dataDirectory().toString());
        health.put("series", queries.series().size());
        health.put("max_query_points", settings.maxQueryPoints());
        final List<Map<String, Long>> resolutions = settings.resolutions().stream()
            .map(HealthEndpoint::resolution)
            .toList();
        health.put("resolutions", resolutions);
        health.putAll(engineFacts.get());
        return Reply.json(Json.write(health));
    }

    private static Map<String, Long> resolution(final Resolution r)
    {
        final Map<String, Long> widthAndRetention = new LinkedHashMap<>();
        widthAndRetention.put("width_ms", r.widthMs());
        widthAndRetention.put("retention_ms", r.retentionMs());
        return widthAndRetention;
    }
}

package dev.bridge.analytics.http;

import java.util.List;

/**
 * A Prometheus API path with a fixed answer: {@code /api/v1/status/buildinfo} (the Prometheus version whose API
 * and PromQL semantics the engine follows, so that Grafana picks its features; no {@code features} map, which
 * Grafana would read as Mimir) and {@code /api/v1/query_exemplars} (none). Immutable, thread-safe.
 */
final class PromStaticEndpoint extends PromApiEndpoint
{
    /** The data of {@code /api/v1/status/buildinfo}. */
    static final String BUILD_INFO = "{\"version\":\"2.42.0\",\"revision\":\"bridge-analytics\",\"branch\":\"\"," +
        "\"buildUser\":\"\",\"buildDate\":\"\",\"goVersion\":\"\"}";

    private final String data;

    PromStaticEndpoint(final String data)
    {
        this.data = data;
    }

    @Override
    public List<String> parameters()
    {
        return List.of();
    }

    @Override
    String data(final Request request)
    {
        return data;
    }
}

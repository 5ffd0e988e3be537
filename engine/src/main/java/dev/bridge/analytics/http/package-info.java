/**
 * The HTTP endpoint of {@code bin/analytics serve}: {@code /metrics} (Prometheus text 0.0.4 or OpenMetrics 1.0 by
 * content negotiation), the JSON API ({@code /api/dashboard}, {@code /api/query}, {@code /api/export},
 * {@code /api/health}) and the live dashboard page ({@code /}, {@code /static/...}), on the JDK's
 * {@code com.sun.net.httpserver} with a small bounded executor.
 * <p>
 * Layout: {@link dev.bridge.analytics.http.AnalyticsHttpServer} binds the server and builds one {@code Router}; the
 * router checks every request in a fixed order (URI length 414, bearer token 401, method 405, path 404, parameters
 * 400), then calls the path's {@code Endpoint}, which answers with an immutable {@code Reply}. Errors are
 * {@code {"error": "..."}}; an {@code IllegalArgumentException} of the query API is a 400 with its message, anything
 * else a logged 500 with a generic message.
 * <p>
 * Thread-safety: the server's handler threads call the endpoints concurrently; every type here is immutable or
 * confined to one request, and the queries are thread-safe. Nothing here touches the engine's recording path.
 */
package dev.bridge.analytics.http;

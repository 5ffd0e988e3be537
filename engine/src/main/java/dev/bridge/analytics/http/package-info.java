/**
 * The HTTP endpoint of {@code bin/analytics serve}: {@code /metrics} (Prometheus text 0.0.4 or OpenMetrics 1.0 by
 * content negotiation), the JSON API ({@code /api/dashboard}, {@code /api/query}, {@code /api/export},
 * {@code /api/health}, {@code /api/alerts}), Prometheus' HTTP API, read side ({@code /api/v1/query},
 * {@code /api/v1/query_range}, {@code /api/v1/series}, {@code /api/v1/labels}, {@code /api/v1/label/<name>/values},
 * {@code /api/v1/metadata}, {@code /api/v1/status/buildinfo}: {@code PromApiEndpoint} and its subclasses, PromQL in
 * {@code dev.bridge.analytics.promql}) and the live dashboard page ({@code /}, {@code /static/...}), on an
 * embedded Jetty 12 server (core handler API, no servlets).
 * <p>
 * Layout: {@link dev.bridge.analytics.http.AnalyticsHttpServer} configures Jetty (one connector with
 * {@code idle_timeout} and TCP_NODELAY, a connection limit, a small daemon thread pool) and builds the handler chain
 * {@code GracefulHandler -> HeavyRequestLimit -> Router}. {@code HeavyRequestLimit} (Jetty's {@code QoSHandler})
 * bounds the heavy paths and answers 503 beyond its queue; the {@code Router} checks every request in a fixed order
 * (URI length 414, bearer token 401, method 405, path 404, parameters 400), then calls the path's {@code Endpoint},
 * which answers with an immutable {@code Reply}. The Prometheus API's paths also take a form POST, read their
 * parameters leniently and answer in Prometheus' envelope and error types ({@code PromJson}). Other errors are
 * {@code {"error": "..."}}; an
 * {@code IllegalArgumentException} of the query API is a 400 with its message, anything else a logged 500 with a
 * generic message; errors of the HTTP layer itself (malformed request line or headers, sizes, versions) go through
 * {@code JsonErrorHandler} and are JSON too. {@code HttpRefusals} counts refusals for {@code /api/health}.
 * <p>
 * Thread-safety: the server's handler threads call the endpoints concurrently; every type here is immutable or
 * confined to one request (the refusal counters are thread-safe), and the queries are thread-safe. Nothing here
 * touches the engine's recording path.
 */
package dev.bridge.analytics.http;

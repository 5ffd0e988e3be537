package dev.bridge.analytics.http;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.HttpSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static dev.bridge.analytics.http.ScriptedTraffic.NOW;
import static dev.bridge.analytics.http.ScriptedTraffic.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the server refuses, with which status and which exact JSON error. */
class HttpErrorsTest
{
    private static final int MAX_REQUEST_BYTES = 256;

    @TempDir
    static Path dir;
    private static ScriptedServer scripted;
    private static HttpCalls http;

    @BeforeAll
    static void start() throws Exception
    {
        scripted = ScriptedServer.start(dir, new HttpSettings("127.0.0.1", 0, null, MAX_REQUEST_BYTES));
        http = scripted.http();
    }

    @AfterAll
    static void stop()
    {
        if (scripted != null)
        {
            scripted.close();
        }
    }

    @Test
    void shouldRefuseAnUnknownRangeNamingTheAcceptedOnes()
    {
        assertError(400, "parameter 'range': unknown range 'last_week': use all, last_minute, last_5_minutes, " +
            "last_hour, last_day or last_<duration> (last_15m, last_6h)", "/api/dashboard?range=last_week");
        assertError(400, "parameter 'range': range 'last_1soon': bad duration '1soon': expected a Prometheus " +
            "duration, e.g. 500ms, 30s, 1h30m, 7d, 2w", "/api/export?format=csv&range=last_1soon");
    }

    @Test
    void shouldRefuseAnAbsurdRangeOrTime()
    {
        assertError(400, "parameter 'range': range 'last_106751991167d' reaches back more than 3650d (10 years, the " +
            "longest retention a store can keep): use all for everything kept", "/api/dashboard?range=last_106751991167d");
        assertError(400, "parameter 'range': range 'last_99999999999999999999d': duration '99999999999999999999d' is " +
            "out of range", "/api/export?format=csv&range=last_99999999999999999999d");
        assertError(400, "parameter 'from': '106751991167d' is longer than 3650d (10 years, the longest retention a " +
            "store can keep)", "/api/query?metric=variable_read&from=now-106751991167d&to=now");
    }

    @Test
    void shouldNameTheNearestMetricsForAnUnknownOne()
    {
        assertError(400, "parameter 'metric': unknown metric 'variable_rite'; did you mean variable_write or " +
            "variable_read?", "/api/query?metric=variable_rite");
        assertError(400, "parameter 'metric': missing", "/api/query?agg=sum");
    }

    @Test
    void shouldRefuseABadAggregationIntervalTimeOrLabel()
    {
        assertError(400, "parameter 'agg': unknown aggregation 'p101': use avg, sum, min, max, count, rate, last or pNN " +
            "with NN in [0, 100] (p50, p99, p99.9)", "/api/query?metric=variable_read&agg=p101");
        assertError(400, "parameter 'interval': bad duration '10': a number needs a unit; use 10s",
            "/api/query?metric=variable_read&interval=10");
        assertError(400, "parameter 'interval': bad duration '1.5s': no fractions; use 1s500ms",
            "/api/query?metric=variable_read&interval=1.5s");
        assertError(400, "parameter 'from': bad duration 'PT30S': ISO-8601 is not accepted; use 30s",
            "/api/query?metric=variable_read&from=-PT30S");
        assertError(400, "parameter 'from': 'yesterday' is not a time: use an ISO-8601 instant " +
            "(2026-11-28T10:00:00Z), epoch milliseconds, now, or now-<duration> (now-15m, or -15m)",
            "/api/query?metric=variable_read&from=yesterday");
        assertError(400, "parameter 'labels': 'operation' is not a label: use name=value pairs separated by commas " +
            "(labels=operation=read,code=UNAVAILABLE)", "/api/query?metric=operation_error&labels=operation");
        assertError(400, "parameter 'labels': 'operation:read' uses ':'; write labels=operation=read,code=UNAVAILABLE",
            "/api/query?metric=operation_error&labels=operation:read,code:UNAVAILABLE");
        assertError(400, "percentile aggregation p99 needs a histogram metric; 'variable_read' is a counter",
            "/api/query?metric=variable_read&agg=p99");
    }

    @Test
    void shouldRefuseFromAfterTo()
    {
        assertError(400, "from (" + (T + 1_000) + ") is after to (" + T + ")",
            "/api/query?metric=variable_read&from=" + (T + 1_000) + "&to=" + T + "&interval=1s");
    }

    @Test
    void shouldRefuseMorePointsThanMaxQueryPoints()
    {
        assertError(400, "the query would return 10800 points, more than the maximum of 10000 (max_query_points): " +
            "use a longer interval or a shorter range", "/api/query?metric=variable_read&from=-3h&interval=1s");
    }

    @Test
    void shouldRefuseUnknownRepeatedAndEmptyParameters()
    {
        assertError(400, "unknown parameter 'foo'; known: metric, from, to, interval, agg, labels",
            "/api/query?metric=variable_read&foo=1");
        assertError(400, "parameter 'metric': given more than once", "/api/query?metric=variable_read&metric=x");
        assertError(400, "parameter 'range': no value given", "/api/dashboard?range=");
        assertError(400, "unknown parameter 'x': this path takes no parameters", "/metrics?x=1");
        assertError(400, "parameter 'format': missing", "/api/export");
        assertError(400, "parameter 'format': unknown export format 'xml'; known: prometheus, openmetrics, json, " +
            "csv, statsd, dogstatsd", "/api/export?format=xml");
        assertError(400, "parameter 'format': unknown export format 'protobuf'; known: prometheus, openmetrics, json, " +
            "csv, statsd, dogstatsd", "/api/export?format=protobuf");
    }

    @Test
    void shouldRefuseAnUnknownLabelWithTheQueryApisMessage()
    {
        final HttpResponse<String> response = http.get("/api/query?metric=operation_error&labels=colour=red");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"error\":\"") && response.body().contains("colour"), response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/nope", "/api", "/api/", "/metrics/", "/static/", "/static/nope.js", "/index.html",
        "/STATIC/dashboard.js", "/static/dashboard.js/", "/favicon.ico" })
    void shouldAnswer404ForAnUnknownPath(final String path)
    {
        assertError(404, "no such path: " + path, path);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/static/../static/dashboard.js", "/static/..%2fdashboard.js",
        "/static/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/static//etc/passwd",
        "/static/./dashboard.js", "/static/%64ashboard.js", "/static/dashboard.js;x",
        "/static/..%5c..%5cetc%5cpasswd",
        "/static/%252e%252e/dashboard.js", "/dev/bridge/analytics/http/index.html",
        "/META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css" })
    void shouldNeverLetAPathEscapeTheFixedListOfFiles(final String rawPath)
    {
        final String response = http.raw(rawPath);

        assertTrue(response.startsWith("HTTP/1.1 404 "), response);
        assertTrue(response.endsWith("{\"error\":" + Json.write("no such path: " + rawPath) + "}"), response);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/static/%2e%2e/%2e%2e/etc/passwd", "/../../../../etc/passwd", "/static/../../pom.xml",
        "/static/dashboard.js%00" })
    void shouldRefuseAPathThatLeavesTheRootOrHoldsANulAsMalformed(final String rawPath)
    {
        final String response = http.raw(rawPath);

        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        assertTrue(response.endsWith("{\"error\":\"malformed request: the request line, its path or a header cannot " +
            "be read (a path may not leave the root nor hold an encoded NUL)\"}"), response);
    }

    @Test
    void shouldAnswer405WithAllowForOtherMethods()
    {
        for (final String method : new String[]{ "POST", "PUT", "DELETE", "OPTIONS", "PATCH" })
        {
            final HttpResponse<String> response =
                http.send(method, "/api/health", HttpRequest.BodyPublishers.ofString("{\"a\":1}"));

            assertEquals(405, response.statusCode(), method);
            assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElseThrow(), method);
            assertEquals("close", response.headers().firstValue("Connection").orElse(""), "an unread body closes the connection");
            assertEquals("{\"error\":\"method " + method + " is not allowed: use GET or HEAD\"}", response.body());
        }
    }

    @Test
    void shouldAnswer414ForAUriLongerThanMaxRequestBytes()
    {
        final String prefix = "/api/query?metric=";
        final String longest = prefix + "x".repeat(MAX_REQUEST_BYTES - prefix.length());

        assertEquals(400, http.get(longest).statusCode(), "a URI of exactly max_request_bytes is read");
        assertError(414, "the request URI is longer than 256 bytes (max_request_bytes)", longest + "x");
    }

    @Test
    void shouldAnswer500WithAGenericMessageWhenTheQueryFails() throws Exception
    {
        final AnalyticsEngine closed = ScriptedTraffic.start(dir.resolve("closed"), new ManualClock(NOW));
        try (AnalyticsHttpServer broken = AnalyticsHttpServer.start(closed.queries(), HttpSettings.DEFAULT.withPort(0)))
        {
            closed.close();

            final HttpResponse<String> response = new HttpCalls(broken.port()).get("/api/dashboard");

            assertEquals(500, response.statusCode());
            assertEquals("{\"error\":\"internal error: the server's log has the details\"}", response.body());
        }
        finally
        {
            closed.close();
        }
    }

    private static void assertError(final int status, final String message, final String pathAndQuery)
    {
        final HttpResponse<String> response = http.get(pathAndQuery);

        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"error\":" + Json.write(message) + "}", response.body());
    }
}

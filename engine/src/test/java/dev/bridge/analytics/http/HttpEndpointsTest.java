package dev.bridge.analytics.http;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.HttpSettings;
import dev.bridge.analytics.dashboard.DashboardJson;
import dev.bridge.analytics.export.ExportFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.bridge.analytics.http.ScriptedTraffic.NOW;
import static dev.bridge.analytics.http.ScriptedTraffic.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint over real HTTP on 127.0.0.1, against bodies computed by hand from {@link ScriptedTraffic}. */
class HttpEndpointsTest
{
    @TempDir
    static Path dir;
    private static final ManualClock CLOCK = new ManualClock(NOW);
    private static AnalyticsEngine engine;
    private static ScriptedServer scripted;
    private static HttpCalls http;

    @BeforeAll
    static void start() throws Exception
    {
        scripted = ScriptedServer.start(dir, CLOCK, HttpSettings.DEFAULT.withPort(0), ScriptedFacts::facts);
        engine = scripted.engine();
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

    /** Fixed facts, so that the health body is exact. */
    private static final class ScriptedFacts
    {
        static Map<String, Object> facts()
        {
            final Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("events_published", 138L);
            facts.put("recovered_store", false);
            return facts;
        }
    }

    @Test
    void shouldAnswerAQueryWithOnePointPerIntervalAsJson()
    {
        final HttpResponse<String> response = http.get("/api/query?metric=variable_read&from=" + (T - 30_000) +
            "&to=" + (T + 1_000) + "&interval=10s&agg=sum");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"metric\":\"variable_read\",\"labels\":{},\"agg\":\"sum\",\"interval_ms\":10000," +
            "\"from_ms\":" + (T - 30_000) + ",\"to_ms\":" + (T + 1_000) + ",\"points\":[" +
            "{\"timestamp\":" + (T - 30_000) + ",\"value\":60.0,\"count\":1}," +
            "{\"timestamp\":" + (T - 20_000) + ",\"value\":null,\"count\":0}," +
            "{\"timestamp\":" + (T - 10_000) + ",\"value\":30.0,\"count\":1}," +
            "{\"timestamp\":" + T + ",\"value\":60.0,\"count\":1}]}", response.body());
    }

    @Test
    void shouldAlignRelativeTimesToTheIntervalOnTheServersClock()
    {
        // now = T + 0.5 s: to=now is the end of the current second, from=-3s the end of the second 3 s before
        final HttpResponse<String> response =
            http.get("/api/query?metric=read_latency_us&from=-3s&to=now&interval=1s&agg=p50");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"metric\":\"read_latency_us\",\"labels\":{},\"agg\":\"p50\",\"interval_ms\":1000," +
            "\"from_ms\":" + (T - 2_000) + ",\"to_ms\":" + (T + 1_000) + ",\"points\":[" +
            "{\"timestamp\":" + (T - 2_000) + ",\"value\":null,\"count\":0}," +
            "{\"timestamp\":" + (T - 1_000) + ",\"value\":null,\"count\":0}," +
            "{\"timestamp\":" + T + ",\"value\":75.0,\"count\":50}]}", response.body());
    }

    @Test
    void shouldFilterByLabelsAndComputeRatesPerSecond()
    {
        final String window = "&from=" + (T - 30_000) + "&to=" + (T - 20_000) + "&interval=10s";

        assertEquals("{\"metric\":\"operation_error\",\"labels\":{\"operation\":\"read\"},\"agg\":\"sum\"," +
                "\"interval_ms\":10000,\"from_ms\":" + (T - 30_000) + ",\"to_ms\":" + (T - 20_000) + ",\"points\":[" +
                "{\"timestamp\":" + (T - 30_000) + ",\"value\":2.0,\"count\":1}]}",
            http.get("/api/query?metric=operation_error&labels=operation=read&agg=sum" + window).body());
        assertEquals("{\"metric\":\"variable_read\",\"labels\":{},\"agg\":\"rate\"," +
                "\"interval_ms\":10000,\"from_ms\":" + (T - 30_000) + ",\"to_ms\":" + (T - 20_000) + ",\"points\":[" +
                "{\"timestamp\":" + (T - 30_000) + ",\"value\":6.0,\"count\":1}]}",
            http.get("/api/query?metric=variable_read&agg=rate" + window).body());
    }

    @Test
    void shouldServeTheDashboardOfTheRangeAsTheQueryApiComputesIt()
    {
        for (final String range : new String[]{ "last_minute", "last_15m", "all" })
        {
            final HttpResponse<String> response = http.get("/api/dashboard?range=" + range);

            assertEquals(200, response.statusCode(), response.body());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            final TimeRange expected = range.equals("last_15m") ? TimeRange.last(Duration.ofMinutes(15)) :
                range.equals("all") ? TimeRange.ALL : TimeRange.LAST_MINUTE;
            assertEquals(DashboardJson.toJson(engine.queries().dashboard(expected)), response.body(), range);
        }
        assertEquals(DashboardJson.toJson(engine.queries().dashboard(TimeRange.LAST_HOUR)), http.get("/api/dashboard").body(),
            "the default range is last_hour");
        assertTrue(http.get("/api/dashboard?range=last_minute").body().contains(
            "\"operations\":{\"reads_per_second\":" + (150 / 59.5) + ",\"writes_per_second\":" + (20 / 59.5) +
                ",\"total_operations\":175}"), "figures of the scripted traffic");
    }

    @ParameterizedTest(name = "[{index}] Accept: {0}")
    @CsvSource(delimiter = '|', value = {
        "''                                                                                        | PROMETHEUS",
        "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1        | OPENMETRICS",
        "application/openmetrics-text;q=0.4,text/plain;version=0.0.4;q=0.6                         | OPENMETRICS",
        "*/*                                                                                       | PROMETHEUS",
        "application/json                                                                          | PROMETHEUS" })
    void shouldNegotiateTheMetricsFormat(final String accept, final ExportFormat expected) throws Exception
    {
        final HttpResponse<String> response = accept.isEmpty() ? http.get("/metrics") :
            http.get("/metrics", "Accept", accept);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(expected.contentType(), response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("Accept-Encoding, Accept", String.join(", ", response.headers().allValues("Vary")));
        assertEquals(scraped(expected), response.body());
    }

    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = "PROTOBUF", mode = EnumSource.Mode.EXCLUDE)
    void shouldExportEveryFormatWithItsContentType(final ExportFormat format) throws Exception
    {
        final HttpResponse<String> response = http.get("/api/export?format=" + format.spelling() + "&range=last_hour");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(format.contentType(), response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(direct(format, TimeRange.LAST_HOUR), response.body());
    }

    @Test
    void shouldReportHealthWithUptimeOnTheQueriesClock()
    {
        CLOCK.set(NOW + 1_500);
        try
        {
            final HttpResponse<String> response = http.get("/api/health");

            assertEquals(200, response.statusCode(), response.body());
            assertEquals("{\"status\":\"ok\",\"now_ms\":" + (NOW + 1_500) + ",\"uptime_ms\":1500," +
                "\"store_directory\":" + jsonString(dir.resolve("store").toString()) + "," +
                "\"series\":" + engine.queries().series().size() + ",\"max_query_points\":10000,\"resolutions\":[" +
                "{\"width_ms\":1000,\"retention_ms\":3600000},{\"width_ms\":60000,\"retention_ms\":86400000}," +
                "{\"width_ms\":3600000,\"retention_ms\":2592000000}]," +
                "\"events_published\":138,\"recovered_store\":false,\"http_busy_refusals\":0,\"http_malformed_requests\":0,\"http_read_timeouts\":0}", response.body());
        }
        finally
        {
            CLOCK.set(NOW);
        }
    }

    @Test
    void shouldReadTheEnginesCountersForHealth()
    {
        final Map<String, Object> facts = EngineHealth.of(engine).get();

        assertEquals(ScriptedTraffic.EVENTS, facts.get("events_published"));
        assertEquals(ScriptedTraffic.EVENTS, facts.get("events_aggregated"));
        assertEquals(0L, facts.get("events_rejected"));
        assertEquals(0L, facts.get("events_dropped"));
        assertEquals(0L, facts.get("events_late"));
        assertEquals((long)engine.config().engine().ringSize(), facts.get("ring_capacity"));
        assertEquals((long)engine.config().engine().ringSize(), facts.get("ring_remaining"), "an idle ring is free");
        assertEquals(false, facts.get("recovered_store"));
    }

    @Test
    void shouldServeThePageAndItsFilesFromTheClasspath()
    {
        final HttpResponse<String> page = http.get("/");

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(StaticResources.PAGE_POLICY, page.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals(resource("/dev/bridge/analytics/http/index.html"), page.body());
        final Matcher files = Pattern.compile("(?:src|href)=\"(static/[^\"]+)\"").matcher(page.body());
        int referenced = 0;
        while (files.find())
        {
            final HttpResponse<String> file = http.get("/" + files.group(1));
            assertEquals(200, file.statusCode(), files.group(1));
            referenced++;
        }
        assertEquals(4, referenced, "uPlot's script and style, the page's script and style");

        final HttpResponse<String> uplot = http.get("/static/uPlot.iife.min.js");
        assertEquals("text/javascript; charset=utf-8", uplot.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, max-age=86400", uplot.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(resource("/META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"), uplot.body());
        assertEquals("text/css; charset=utf-8",
            http.get("/static/dashboard.css").headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void shouldAnswerHeadWithTheHeadersOfGetAndNoBody()
    {
        final HttpResponse<String> get = http.get("/static/dashboard.js");
        final HttpResponse<String> head = http.send("HEAD", "/static/dashboard.js",
            HttpRequest.BodyPublishers.noBody());

        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(Integer.toString(get.body().getBytes(StandardCharsets.UTF_8).length),
            head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
    }

    @Test
    void shouldMarkEveryReplyNoSniffAndApiRepliesNoStore()
    {
        for (final String path : new String[]{ "/api/health", "/api/dashboard", "/nope" })
        {
            final HttpResponse<String> response = http.get(path);

            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow(), path);
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow(), path);
        }
    }

    /** @return what {@code /metrics} serves in {@code format}: the running totals ({@code queries().scrape}). */
    static String scraped(final ExportFormat format) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.queries().scrape(format, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String direct(final ExportFormat format, final TimeRange range) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.queries().export(format, range, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String resource(final String name)
    {
        return new String(StaticResources.read(name), StandardCharsets.UTF_8);
    }

    private static String jsonString(final String text)
    {
        return Json.write(text);
    }

    @Test
    void shouldServeTheConfiguredPanelsWithTheirMetricsTypesAndUnits()
    {
        final HttpResponse<String> response = http.get("/api/panels");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().startsWith("{\"title\":\"DSPex bridge\",\"generated\":false,\"panels\":[" +
            "{\"title\":\"Reads and writes per second\",\"unit\":\"operations\",\"lines\":[" +
            "{\"label\":\"reads/s\",\"metric\":\"variable_read\",\"aggregation\":\"rate\",\"labels\":{}," +
            "\"type\":\"counter\",\"metric_unit\":\"operations\",\"metric_labels\":[]}," +
            "{\"label\":\"writes/s\",\"metric\":\"variable_write\",\"aggregation\":\"rate\",\"labels\":{}," +
            "\"type\":\"counter\",\"metric_unit\":\"operations\",\"metric_labels\":[]}]}," +
            "{\"title\":\"Read latency\",\"unit\":\"microseconds\",\"lines\":[" +
            "{\"label\":\"p50\",\"metric\":\"read_latency_us\",\"aggregation\":\"p50\",\"labels\":{}," +
            "\"type\":\"histogram\",\"metric_unit\":\"microseconds\",\"metric_labels\":[]},"), response.body());
        assertEquals(7, response.body().split("\"unit\":", -1).length - 1, "one unit per panel");
        assertTrue(response.body().contains("{\"label\":\"cache hit rate\",\"metric\":\"cache_hit\",\"aggregation\":" +
            "\"ratio\",\"labels\":{},\"type\":\"counter\",\"metric_unit\":\"lookups\",\"metric_labels\":[]," +
            "\"numerator\":[\"cache_hit\"],\"denominator\":[\"cache_hit\",\"cache_miss\"]}"), response.body());
    }

    @Test
    void shouldServeTheCatalogWithTheLabelValuesItsSeriesHave()
    {
        final HttpResponse<String> response = http.get("/api/catalog");

        assertEquals(200, response.statusCode(), response.body());
        final String help = engine.config().metric("operation_error").orElseThrow().help();
        assertTrue(response.body().startsWith("{\"metrics\":[{\"name\":\"variable_read\",\"type\":\"counter\","),
            response.body());
        assertTrue(response.body().contains("{\"name\":\"operation_error\",\"type\":\"counter\",\"unit\":\"errors\"," +
            "\"help\":" + jsonString(help) + ",\"labels\":[\"operation\"]," +
            "\"label_values\":{\"operation\":[\"read\",\"write\"]}}"), response.body());
        assertTrue(response.body().contains("\"name\":\"grpc_error\""), response.body());
    }
}

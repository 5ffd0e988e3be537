package dev.bridge.analytics.http;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.HttpSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static dev.bridge.analytics.http.ScriptedTraffic.NOW;
import static dev.bridge.analytics.http.ScriptedTraffic.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prometheus' HTTP API over real HTTP on 127.0.0.1, against {@link ScriptedTraffic}: exact JSON bodies, GET and form
 * POST, repeated {@code match[]}, tolerated extra parameters, Prometheus' error envelope and statuses.
 * <p>
 * Samples are at the ends of 15 s steps (remote write's interval), as a Prometheus fed by the engine holds them:
 * {@code dspex_variable_read_total} is 60 at T - 15 s and 90 at T, none before T - 15 s (phase A's step ends there)
 * (the 60 of T + 0.5 s sit in the bucket still open at NOW and are not sampled yet).
 */
class PromApiTest
{
    @TempDir
    static Path dir;
    private static final ManualClock CLOCK = new ManualClock(NOW);
    private static ScriptedServer scripted;
    private static HttpCalls http;
    private static final long T_SECONDS = T / 1000;

    @BeforeAll
    static void start() throws Exception
    {
        scripted = ScriptedServer.start(dir, CLOCK, HttpSettings.DEFAULT.withPort(0), Map::of);
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

    private static String q(final String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> post(final String path, final String form)
    {
        return http.send("POST", path, HttpRequest.BodyPublishers.ofString(form),
            "Content-Type", "application/x-www-form-urlencoded");
    }

    private static String success(final String data)
    {
        return "{\"status\":\"success\",\"data\":" + data + "}";
    }

    private static String badData(final String message)
    {
        return "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":" + PromJson.string(message) + "}";
    }

    @Test
    void shouldAnswerGrafanasHealthCheckAFormPostOfOnePlusOneAtTimeFour()
    {
        final HttpResponse<String> response = post("/api/v1/query", "query=1%2B1&time=4");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(success("{\"resultType\":\"scalar\",\"result\":[4,\"2\"]}"), response.body());
        assertEquals("", response.headers().firstValue("Connection").orElse(""), "a read form keeps the connection");
    }

    @Test
    void shouldAnswerBuildInfoWithoutFeatures()
    {
        final HttpResponse<String> response = http.get("/api/v1/status/buildinfo");

        assertEquals(200, response.statusCode());
        assertEquals(success("{\"version\":\"2.42.0\",\"revision\":\"bridge-analytics\",\"branch\":\"\"," +
            "\"buildUser\":\"\",\"buildDate\":\"\",\"goVersion\":\"\"}"), response.body());
    }

    @Test
    void shouldListTheSeriesOfRepeatedMatchSelectorsSorted()
    {
        final HttpResponse<String> response = http.get("/api/v1/series?match%5B%5D=dspex_variable_read_total" +
            "&match%5B%5D=" + q("dspex_operation_error_total{operation=~\"re.*\"}") + "&start=0&end=" + T_SECONDS +
            "&limit=10");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(success("[{\"__name__\":\"dspex_operation_error_total\",\"operation\":\"read\"}," +
            "{\"__name__\":\"dspex_variable_read_total\"}]"), response.body());
    }

    @Test
    void shouldTakeSeriesMatchersFromAFormPost()
    {
        final HttpResponse<String> response = post("/api/v1/series", "match%5B%5D=dspex_cache_hit_total");

        assertEquals(success("[{\"__name__\":\"dspex_cache_hit_total\"}]"), response.body());
    }

    @Test
    void shouldRefuseSeriesWithoutMatch()
    {
        final HttpResponse<String> response = http.get("/api/v1/series");

        assertEquals(400, response.statusCode());
        assertEquals(badData("no match[] parameter provided"), response.body());
    }

    @Test
    void shouldListLabelNamesAndValuesOfTheMatchingSeries()
    {
        assertEquals(success("[\"__name__\",\"operation\"]"),
            http.get("/api/v1/labels?match%5B%5D=dspex_operation_error_total").body());
        assertEquals(success("[\"read\",\"write\"]"),
            http.get("/api/v1/label/operation/values?match%5B%5D=dspex_operation_error_total").body());
        assertEquals(success("[\"dspex_cache_hit_total\",\"dspex_variable_read_total\"]"),
            http.get("/api/v1/label/__name__/values?match%5B%5D=" +
                q("{__name__=~\"dspex_(variable_read|cache_hit)_total\"}")).body());
    }

    /**
     * start/end on the metadata paths: only series with samples in [start, end]. Own engine, counters added at
     * explicit times (a counter's call time is its fold's batch time, which may lag a clock the test just moved).
     */
    @Test
    void shouldListOnlyTheSeriesLabelsAndValuesWithSamplesBetweenStartAndEnd(@TempDir final Path own) throws Exception
    {
        final ManualClock clock = new ManualClock(NOW);
        final ScriptedServer server = ScriptedServer.start(own, clock, HttpSettings.DEFAULT.withPort(0), Map::of);
        try
        {
            // first samples: {code="EARLY"} at T - 49 s, {code="LATE"} at T - 4 s
            server.engine().counter("grpc_error", "code", "EARLY").addAt(1, T - 50_000);
            server.engine().counter("grpc_error", "code", "LATE").addAt(1, T - 5_000);
            server.engine().flush();
            final String match = "match%5B%5D=" + q("dspex_grpc_error_total{code=~\"EARLY|LATE\"}");
            final String early = "{\"__name__\":\"dspex_grpc_error_total\",\"code\":\"EARLY\"}";
            final String late = "{\"__name__\":\"dspex_grpc_error_total\",\"code\":\"LATE\"}";
            final HttpCalls calls = server.http();

            assertEquals(success("[" + early + "," + late + "]"), calls.get("/api/v1/series?" + match).body());
            assertEquals(success("[" + early + "]"), calls.get("/api/v1/series?" + match + "&start=" +
                (T_SECONDS - 60) + "&end=" + (T_SECONDS - 20)).body());
            assertEquals(success("[" + early + "]"), calls.get("/api/v1/series?" + match + "&end=" +
                (T_SECONDS - 49)).body());
            assertEquals(success("[]"), calls.get("/api/v1/series?" + match + "&end=" + (T_SECONDS - 50)).body());
            assertEquals(success("[" + early + "," + late + "]"), calls.get("/api/v1/series?" + match +
                "&start=2023-11-14T22:13:00Z&end=" + T_SECONDS).body()); // T - 60 s
            assertEquals(success("[]"), calls.get("/api/v1/series?" + match + "&start=" + (T_SECONDS + 60)).body());
            assertEquals(success("[\"EARLY\"]"), calls.get("/api/v1/label/code/values?" + match + "&end=" +
                (T_SECONDS - 10)).body());
            assertEquals(success("[\"EARLY\",\"LATE\"]"), calls.get("/api/v1/label/code/values?" + match).body());
            assertEquals(success("[]"), calls.get("/api/v1/labels?" + match + "&end=" + (T_SECONDS - 50)).body());
            assertEquals(success("[\"__name__\",\"code\"]"), calls.get("/api/v1/labels?" + match + "&end=" +
                (T_SECONDS - 49)).body());
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void shouldRefuseAnInvalidLabelName()
    {
        final HttpResponse<String> response = http.get("/api/v1/label/a-b/values");

        assertEquals(400, response.statusCode());
        assertEquals(badData("invalid label name: \"a-b\""), response.body());
    }

    @Test
    void shouldDescribeAMetricFamilyInMetadata()
    {
        final String help = scripted.engine().queries().config().metrics().stream()
            .filter(m -> m.name().equals("variable_read")).findFirst().orElseThrow().help();

        assertEquals(success("{\"dspex_variable_read_total\":[{\"type\":\"counter\",\"help\":" + PromJson.string(help) +
            ",\"unit\":\"\"}]}"), http.get("/api/v1/metadata?metric=dspex_variable_read_total").body());
    }

    @Test
    void shouldQueryACounterAtAnInstantToleratingPrometheusExtraParameters()
    {
        final HttpResponse<String> response = http.get("/api/v1/query?query=dspex_variable_read_total&time=" + T_SECONDS +
            "&timeout=5s&stats=all&lookback_delta=1m&limit=3");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(success("{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":" +
            "\"dspex_variable_read_total\"},\"value\":[" + T_SECONDS + ",\"90\"]}]}"), response.body());
    }

    @Test
    void shouldCarryTheCounterTotalStoredBeforeTheWindow()
    {
        // the window [T-5s, T] holds no bucket with data: its samples carry the 90 counted before it
        final HttpResponse<String> response = http.get("/api/v1/query?query=" +
            q("max_over_time(dspex_variable_read_total[5s])") + "&time=" + T_SECONDS);

        assertEquals(success("{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[" + T_SECONDS +
            ",\"90\"]}]}"), response.body());
    }

    @Test
    void shouldExtrapolateIncreaseOverTheRawSamples()
    {
        // 2 samples T-15s and T, 60 -> 90: 30 * (15 + 7.5 + 0) / 15 (the window's start is 45 s before the first
        // sample, more than 1.1 intervals: extrapolated by half an interval; zero is 30 s before it, further away)
        final HttpResponse<String> response = http.get("/api/v1/query?query=" +
            q("increase(dspex_variable_read_total[1m])") + "&time=" + T_SECONDS);

        assertEquals(success("{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[" + T_SECONDS + "," +
            PromJson.value(30 * (22.5 / 15)) + "]}]}"), response.body());
    }

    @Test
    void shouldExposeAHistogramAsCountSumAndClassicBuckets()
    {
        // read latencies 1..50 us in phase A (51..100 sit in the bucket still open at NOW)
        assertEquals(success("{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":" +
            "\"dspex_read_latency_seconds_count\"},\"value\":[" + T_SECONDS + ",\"50\"]}]}"),
            http.get("/api/v1/query?query=dspex_read_latency_seconds_count&time=" + T_SECONDS).body());
        assertEquals(success("{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":" +
            "\"dspex_read_latency_seconds_sum\"},\"value\":[" + T_SECONDS + ",\"0.001275\"]}]}"),
            http.get("/api/v1/query?query=dspex_read_latency_seconds_sum&time=" + T_SECONDS).body());
        assertEquals(success("{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[" + T_SECONDS +
            ",\"50\"]}]}"), http.get("/api/v1/query?time=" + T_SECONDS + "&query=" +
            q("sum(dspex_read_latency_seconds_bucket{le=\"+Inf\"})")).body());
        // every value is at most 50 us: the median lies in a finite bucket, below 50 us
        final String median = http.get("/api/v1/query?time=" + T_SECONDS + "&query=" +
            q("histogram_quantile(0.5, sum by (le) (dspex_read_latency_seconds_bucket))")).body();
        final double seconds = Double.parseDouble(median.replaceAll(".*,\"([^\"]+)\"\\]}]}}$", "$1"));
        assertEquals(true, seconds > 0 && seconds <= 50e-6, median);
    }

    @Test
    void shouldExposeAHistogramAsANativeHistogramUnderItsFamilyName()
    {
        // read latencies 1..50 us in phase A: schema 8 buckets, count and sum as the classic parts
        final String body = http.get("/api/v1/query?query=dspex_read_latency_seconds&time=" + T_SECONDS).body();
        assertTrue(body.startsWith("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{" +
            "\"metric\":{\"__name__\":\"dspex_read_latency_seconds\"},\"histogram\":[" + T_SECONDS + ",{\"count\":" +
            "\"50\",\"sum\":\"0.001275\",\"buckets\":[[0,\"0.0000009985972365181826\",\"0.0000010013047082907555\"," +
            "\"1\"],[0,\""), body);
        assertTrue(body.endsWith("[0,\"0.00004995323027853285\",\"0.00005008866722546406\",\"1\"]]}]}]}}"), body);
        assertEquals(success("{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[" + T_SECONDS +
            ",\"50\"]}]}"), http.get("/api/v1/query?time=" + T_SECONDS + "&query=" +
            q("histogram_count(sum(dspex_read_latency_seconds))")).body());
        assertEquals(success("[{\"__name__\":\"dspex_read_latency_seconds\"}]"),
            http.get("/api/v1/series?match%5B%5D=dspex_read_latency_seconds").body());
    }

    @Test
    void shouldAnswerARangeQueryByFormPost()
    {
        final HttpResponse<String> response = post("/api/v1/query_range", "query=" +
            q("sum(dspex_variable_read_total)") + "&start=" + (T_SECONDS - 15) + "&end=" + T_SECONDS + "&step=5s");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(success("{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[" + (T_SECONDS - 15) +
            ",\"60\"],[" + (T_SECONDS - 10) + ",\"60\"],[" + (T_SECONDS - 5) + ",\"60\"],[" + T_SECONDS +
            ",\"90\"]]}]}"), response.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "/api/v1/query?query=sum%28                         | invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis",
        "/api/v1/query?query=foo%28x%29                     | invalid parameter \"query\": 1:1: parse error: unknown function with name \"foo\"",
        "/api/v1/query?query=1&time=x                       | invalid parameter \"time\": cannot parse \"x\" to a valid timestamp",
        "/api/v1/query?query=1&timeout=5x                   | invalid parameter \"timeout\": cannot parse \"5x\" to a valid duration",
        "/api/v1/query_range?query=1&start=0&end=1&step=x   | invalid parameter \"step\": cannot parse \"x\" to a valid duration",
        "/api/v1/query_range?query=1&start=5&end=1&step=1   | end timestamp must not be before start time",
        "/api/v1/query_range?query=1&start=0&end=1&step=0   | zero or negative query resolution step widths are not accepted. Try a positive integer",
        "/api/v1/query_range?query=1&start=0&end=11001&step=1 | exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)",
        "/api/v1/query_range?query=1&start=0&end=10000&step=1 | the query would return 10001 points per series, more than the maximum of 10000 (max_query_points): use a larger step or a shorter range",
        "/api/v1/query_range?query=x%5B1m%5D&start=0&end=1&step=1 | invalid parameter \"query\": invalid expression type \"range vector\" for range query, must be Scalar or instant Vector",
        "/api/v1/series?match%5B%5D=rate%28x%5B1m%5D%29     | invalid parameter \"match[]\": 1:1: parse error: expected type instant vector selector, got instant vector",
    })
    void shouldRefuseBadQueriesWithPrometheusBadData(final String pathAndQuery, final String message)
    {
        final HttpResponse<String> response = http.get(pathAndQuery);

        assertEquals(400, response.statusCode(), response.body());
        assertEquals(badData(message), response.body());
    }

    /** A timeout that has passed when evaluation begins fails, whatever the machine's speed; a generous one does not. */
    @Test
    void shouldAbandonAQueryWhoseTimeoutPassedWithPrometheusTimeoutError()
    {
        final String timedOut = "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":" +
            "\"query timed out in query execution\"}";
        final HttpResponse<String> instant = http.get("/api/v1/query?query=dspex_variable_read_total&time=" +
            T_SECONDS + "&timeout=0");
        assertEquals(503, instant.statusCode());
        assertEquals(timedOut, instant.body());
        final HttpResponse<String> range = post("/api/v1/query_range", "query=" + q("sum(dspex_variable_read_total)") +
            "&start=" + (T_SECONDS - 20) + "&end=" + T_SECONDS + "&step=10&timeout=0.000000001");
        assertEquals(503, range.statusCode());
        assertEquals(timedOut, range.body());

        final HttpResponse<String> generous = http.get("/api/v1/query_range?query=" +
            q("sum(dspex_read_latency_seconds_count)") + "&start=" + (T_SECONDS - 15) + "&end=" + (T_SECONDS - 15) +
            "&step=10&timeout=1h");
        assertEquals(200, generous.statusCode(), generous.body());
        assertEquals(success("{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[" +
            (T_SECONDS - 15) + ",\"50\"]]}]}"), generous.body());
    }

    @Test
    void shouldAnswer422ForAnExecutionError()
    {
        // two series with the same labels once rate() drops their names
        final HttpResponse<String> response = http.get("/api/v1/query?time=" + T_SECONDS + "&query=" +
            q("rate({__name__=~\"dspex_(variable_read|cache_hit)_total\"}[1m])"));

        assertEquals(422, response.statusCode(), response.body());
        assertEquals("{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"vector cannot contain metrics " +
            "with the same labelset\"}", response.body());
    }

    @Test
    void shouldRefuseAFormLongerThanMaxRequestBytesAndCloseTheConnection()
    {
        final int max = HttpSettings.DEFAULT.maxRequestBytes();
        final HttpResponse<String> response = post("/api/v1/query", "query=" + "1".repeat(max));

        assertEquals(413, response.statusCode());
        assertEquals("{\"error\":\"the request body is longer than " + max + " bytes (max_request_bytes)\"}",
            response.body());
        assertEquals("close", response.headers().firstValue("Connection").orElse(""));
    }

    @Test
    void shouldStillRefusePostOnTheOtherPaths()
    {
        final HttpResponse<String> response = post("/api/health", "a=1");

        assertEquals(405, response.statusCode());
        assertEquals("{\"error\":\"method POST is not allowed: use GET or HEAD\"}", response.body());
    }

    @Test
    void shouldRefuseOtherMethodsOnTheApiWithItsAllow()
    {
        final HttpResponse<String> response = http.send("PUT", "/api/v1/query", HttpRequest.BodyPublishers.noBody());

        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD, POST", response.headers().firstValue("Allow").orElseThrow());
    }

    /**
     * A range longer than every fitting resolution keeps (25 h at a 60 s step: the 1 min rollup keeps 24 h, the 1 h
     * rollup is too coarse for the step) is answered from the fitting resolution for what it keeps, not from hourly
     * buckets that have no sample in it (an empty matrix before the fix).
     */
    @Test
    void shouldAnswerAWindowLongerThanTheFittingResolutionKeepsFromWhatItKeeps(@TempDir final Path own) throws Exception
    {
        final ManualClock clock = new ManualClock(NOW);
        final ScriptedServer server = ScriptedServer.start(own, clock, HttpSettings.DEFAULT.withPort(0), Map::of);
        try
        {
            clock.set(NOW + 120_000); // the 1 min bucket holding the traffic has ended
            final long end = (NOW + 120_000) / 1000;
            final HttpResponse<String> response = server.http().get("/api/v1/query_range?query=" +
                q("dspex_variable_read_total") + "&start=" + (end - 25 * 3600) + "&end=" + end + "&step=60");
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().startsWith("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\"," +
                "\"result\":[{\"metric\":{\"__name__\":\"dspex_variable_read_total\"},\"values\":[["), response.body());
            // the last sample holds the counter's whole total (150); earlier ones depend on when the counter cells were folded
            assertTrue(response.body().endsWith(",\"150\"]]}]}}"), response.body());
        }
        finally
        {
            server.close();
        }
    }
}

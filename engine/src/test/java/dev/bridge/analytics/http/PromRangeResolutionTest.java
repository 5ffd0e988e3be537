package dev.bridge.analytics.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.HistogramHandle;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.HttpSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A {@code [1m]} range over a day at a 60 s step, on minute boundaries, is answered from the 1 min rollup (kept 24 h)
 * for the whole day: with samples at the bucket ends and 2.42's range closed on both ends, each window [t - 1m, t]
 * holds two samples. Before, the rule "buckets at most half the shortest range" left only the raw 1 s buckets
 * (kept 1 h), and the query answered the last hour only.
 * <p>
 * Traffic ({@code read_latency_us}, bounds 50, 100, 250, 500 .. us): 60 values of 40 us at T0 + 5 min 30 s, 120 of 400 us
 * a minute later, 60 of 40 us at T0 + 12 h 30 s and at END - 30 s; now is END + 0.5 s, after a restart (which sweeps
 * what the clock's jumps left in the raw resolution, as a real day would have expired it).
 */
class PromRangeResolutionTest
{
    private static final long T0 = 1_700_000_040_000L; // a whole minute
    private static final long END = T0 + 24 * 3_600_000L;
    private static final long FIRST_MS = T0 + 300_000;

    @TempDir
    static Path dir;
    private static AnalyticsEngine engine;
    private static AnalyticsHttpServer server;
    private static HttpCalls http;

    @BeforeAll
    static void start() throws Exception
    {
        final ManualClock clock = new ManualClock(FIRST_MS);
        engine = AnalyticsEngine.start(ScriptedTraffic.config(dir), clock);
        final HistogramHandle latency = engine.histogram("read_latency_us");
        record(clock, latency, FIRST_MS + 30_000, 60, 40);
        record(clock, latency, FIRST_MS + 90_000, 120, 400);
        record(clock, latency, T0 + 12 * 3_600_000L + 30_000, 60, 40);
        record(clock, latency, END - 30_000, 60, 40);
        clock.set(END + 500);
        engine.flush();
        engine.close(); // a restart sweeps the raw buckets the clock jumps skipped: raw keeps the last hour only
        engine = AnalyticsEngine.start(ScriptedTraffic.config(dir), clock);
        server = AnalyticsHttpServer.start(engine.queries(), HttpSettings.DEFAULT.withPort(0), Map::of);
        http = new HttpCalls(server.port());
    }

    private static void record(final ManualClock clock, final HistogramHandle latency, final long atMs, final int n,
        final long value)
    {
        clock.set(atMs);
        for (int i = 0; i < n; i++)
        {
            latency.record(value);
        }
        engine.flush();
    }

    @AfterAll
    static void stop()
    {
        if (server != null)
        {
            server.close();
        }
        if (engine != null)
        {
            engine.close();
        }
    }

    /** @return the matrix's series: each a list of {seconds, value}. */
    private static List<List<double[]>> rangeQuery(final String query, final long startMs) throws Exception
    {
        final HttpResponse<String> response = http.get("/api/v1/query_range?query=" +
            URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start=" + startMs / 1000 + "&end=" + END / 1000 +
            "&step=60");
        assertEquals(200, response.statusCode(), response.body());
        final List<List<double[]>> out = new ArrayList<>();
        for (final JsonNode series : new ObjectMapper().readTree(response.body()).path("data").path("result"))
        {
            final List<double[]> points = new ArrayList<>();
            series.path("values").forEach(p -> points.add(new double[] { p.get(0).asDouble(), Double.parseDouble(p.get(1).asText()) }));
            out.add(points);
        }
        return out;
    }

    @Test
    void shouldAnswerAOneMinuteRateOverTheWholeDay() throws Exception
    {
        final List<List<double[]>> matrix = rangeQuery("rate(dspex_read_latency_seconds_count[1m])", T0);

        assertEquals(1, matrix.size());
        final List<double[]> points = matrix.get(0);
        // the first window with two samples ends at T0 + 7 min (samples 60 at T0 + 6 min, 180 at T0 + 7 min)
        assertEquals((END - (T0 + 420_000)) / 60_000 + 1, points.size());
        final long firstSeconds = (T0 + 420_000) / 1000;
        for (final double[] p : points)
        {
            final long seconds = (long)p[0];
            final double expected = seconds == firstSeconds ? 2.0 :
                seconds == (T0 + 12 * 3_600_000L + 60_000) / 1000 || seconds == END / 1000 ? 1.0 : 0.0;
            assertEquals(expected, p[1], "at " + seconds);
        }
        assertEquals(firstSeconds, (long)points.get(0)[0]);
        assertEquals(END / 1000, (long)points.get(points.size() - 1)[0]);
    }

    @Test
    void shouldInterpolateTheQuantileOfAOneMinuteRateADayAgo() throws Exception
    {
        final List<List<double[]>> matrix =
            rangeQuery("histogram_quantile(0.5, rate(dspex_read_latency_seconds_bucket[1m]))", T0);

        assertEquals(1, matrix.size());
        final double[] first = matrix.get(0).get(0);
        assertEquals((T0 + 420_000) / 1000, (long)first[0]);
        // 120 values of 400 us: all in (250 us, 500 us]; rank 1 of 2 per second, halfway
        assertEquals(0.000375, first[1], 1e-18);
    }
}

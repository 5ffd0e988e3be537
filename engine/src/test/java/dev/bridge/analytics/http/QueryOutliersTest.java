package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.HistogramHandle;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.HttpSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code /api/query} marks a percentile that fell above the histogram's {@code highest}. */
class QueryOutliersTest
{
    private static final long T0 = 1_700_000_040_000L;

    @TempDir
    Path dir;

    @Test
    void shouldWriteAboveHighestOnAP99MadeOfOutliersOnly() throws Exception
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(ScriptedTraffic.config(dir), new ManualClock(T0 + 2_000));
             AnalyticsHttpServer server = AnalyticsHttpServer.start(engine.queries(), HttpSettings.DEFAULT.withPort(0), Map::of))
        {
            final HistogramHandle latency = engine.histogram("read_latency_us");
            for (int i = 0; i < 98; i++)
            {
                latency.recordAt(100, T0);
            }
            latency.recordAt(90_000_000L, T0);
            latency.recordAt(90_000_000L, T0);
            engine.flush();
            final HttpCalls http = new HttpCalls(server.port());

            final HttpResponse<String> p99 = http.get(
                "/api/query?metric=read_latency_us&agg=p99&from=" + T0 + "&to=" + (T0 + 2_000) + "&interval=1s");
            final HttpResponse<String> p50 = http.get(
                "/api/query?metric=read_latency_us&agg=p50&from=" + T0 + "&to=" + (T0 + 1_000) + "&interval=1s");

            assertEquals(200, p99.statusCode(), p99.body());
            assertEquals("{\"metric\":\"read_latency_us\",\"labels\":{},\"agg\":\"p99\",\"interval_ms\":1000,\"from_ms\":" + T0 +
                ",\"to_ms\":" + (T0 + 2_000) + ",\"points\":[{\"timestamp\":" + T0 +
                ",\"value\":6.0E7,\"count\":100,\"above_highest\":true},{\"timestamp\":" + (T0 + 1_000) +
                ",\"value\":null,\"count\":0}]}", p99.body());
            assertEquals("{\"metric\":\"read_latency_us\",\"labels\":{},\"agg\":\"p50\",\"interval_ms\":1000,\"from_ms\":" + T0 +
                ",\"to_ms\":" + (T0 + 1_000) + ",\"points\":[{\"timestamp\":" + T0 + ",\"value\":100.0,\"count\":100}]}",
                p50.body());
        }
    }
}

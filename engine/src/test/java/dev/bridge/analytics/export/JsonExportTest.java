package dev.bridge.analytics.export;

import dev.bridge.analytics.testing.ManualClock;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.dashboard.DashboardJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON export, parsed strictly (no NaN or Infinity, no trailing tokens), every number finite. */
class JsonExportTest
{
    private static final ObjectMapper STRICT = JsonMapper.builder()
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    @TempDir
    Path dir;

    @Test
    void shouldWriteEverySeriesWithItsStatsHistogramAndTheDashboard() throws IOException
    {
        final ManualClock clock = new ManualClock(ExportWorkload.S);
        try (AnalyticsEngine engine = AnalyticsEngine.start(ExportWorkload.config(dir, EngineConfig.defaults().export()), clock))
        {
            ExportWorkload.run(engine, clock);
            final JsonNode json = STRICT.readTree(export(engine, TimeRange.LAST_HOUR));

            assertEquals(List.of(), nonFiniteNumbers(json, "$"));
            assertEquals(ExportWorkload.NOW, json.get("timestamp").longValue());
            assertEquals(engine.queries().snapshot(TimeRange.LAST_HOUR).series().size(), json.get("series").size());
            final JsonNode read = find(json, "variable_read");
            assertEquals(1500, read.get("stats").get("sum").longValue());
            assertEquals(ExportWorkload.A, read.get("created_ms").longValue());
            final JsonNode latency = find(json, "read_latency_us").get("histogram");
            assertEquals(101, latency.get("count").longValue());
            assertEquals(50, latency.get("buckets").get(0).get("count").longValue());
            assertEquals(50.0, latency.get("buckets").get(0).get("le").doubleValue());
            assertEquals(51, latency.get("percentiles").get("0.5").longValue());
            assertEquals("histogram", latency.get("percentile_mode").textValue());
            final List<String> paths = new ArrayList<>();
            json.get("series").forEach(s -> paths.add(s.get("labels").path("path").asText(null)));
            assertTrue(paths.contains(ExportWorkload.TRICKY), paths.toString());
            assertEquals(STRICT.readTree(DashboardJson.toJson(engine.queries().dashboard(TimeRange.LAST_HOUR))), json.get("dashboard"));
        }
    }

    @Test
    void shouldWriteNullsNeverNaNForAStoreWithoutData() throws IOException
    {
        final ManualClock clock = new ManualClock(ExportWorkload.S);
        try (AnalyticsEngine engine = AnalyticsEngine.start(ExportWorkload.config(dir, EngineConfig.defaults().export()), clock))
        {
            engine.histogram("read_latency_us"); // a series without a value
            final String text = export(engine, TimeRange.ALL);
            final JsonNode json = STRICT.readTree(text);

            assertEquals(List.of(), nonFiniteNumbers(json, "$"));
            final JsonNode latency = find(json, "read_latency_us");
            assertTrue(latency.get("stats").get("mean").isNull(), text);
            assertTrue(latency.get("histogram").get("percentiles").get("0.99").isNull(), text);
            assertTrue(json.get("dashboard").get("cache").get("hit_rate").isNull(), text);
        }
    }

    private static String export(final AnalyticsEngine engine, final TimeRange range) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.queries().export(ExportFormat.JSON, range, out);
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("}\n"), text);
        return text;
    }

    private static JsonNode find(final JsonNode json, final String metric)
    {
        for (final JsonNode series : json.get("series"))
        {
            if (series.get("metric").textValue().equals(metric))
            {
                return series;
            }
        }
        throw new AssertionError("no series of " + metric);
    }

    /** @return the paths of numbers that are not finite (none can be, with the strict parser; checked anyway). */
    private static List<String> nonFiniteNumbers(final JsonNode node, final String path)
    {
        final List<String> bad = new ArrayList<>();
        if (node.isNumber() && !Double.isFinite(node.doubleValue()))
        {
            bad.add(path);
        }
        node.fields().forEachRemaining(e -> bad.addAll(nonFiniteNumbers(e.getValue(), path + "." + e.getKey())));
        if (node.isArray())
        {
            for (int i = 0; i < node.size(); i++)
            {
                bad.addAll(nonFiniteNumbers(node.get(i), path + "[" + i + "]"));
            }
        }
        return bad;
    }
}

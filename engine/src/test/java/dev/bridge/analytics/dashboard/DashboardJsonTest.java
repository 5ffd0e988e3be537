package dev.bridge.analytics.dashboard;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's JSON: exact snake_case names, nulls kept, strict numbers, parsed back equal. */
class DashboardJsonTest
{
    /** Rejects NaN/Infinity, unknown or missing fields, nulls for primitives, trailing tokens. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .build();

    private static final Dashboard FULL = new Dashboard(
        1_700_000_040_500L,
        new Dashboard.Range("last_minute", 1_699_999_981_000L, 1_700_000_041_000L, 1_000),
        new Dashboard.Operations(120 / 59.5, 20 / 59.5, 145L),
        new Dashboard.Performance(50L, 95L, 99L, 1000L, 1900L, 2000L),
        new Dashboard.Cache(0.9, 90L, 10L, 2L),
        new Dashboard.Optimizations(3L, 2L, 1L, 2 / 3.0, 200.0),
        new Dashboard.Health(5 / 145.0, 9L, 600L, 42L));

    private static final Dashboard EMPTY = new Dashboard(
        1_700_000_040_500L,
        new Dashboard.Range("all", null, null, 3_600_000),
        new Dashboard.Operations(null, null, null),
        new Dashboard.Performance(null, null, null, null, null, null),
        new Dashboard.Cache(null, null, null, null),
        new Dashboard.Optimizations(null, null, null, null, null),
        new Dashboard.Health(null, null, null, null));

    @Test
    void shouldNameEveryFieldInSnakeCaseInOrder() throws Exception
    {
        final JsonNode json = STRICT.readTree(DashboardJson.toJson(FULL));

        assertEquals(List.of("timestamp", "range", "operations", "performance", "cache", "optimizations", "health"),
            names(json));
        assertEquals(List.of("name", "from_ms", "to_ms", "resolution_ms"), names(json.get("range")));
        assertEquals(List.of("reads_per_second", "writes_per_second", "total_operations"), names(json.get("operations")));
        assertEquals(List.of("read_latency_p50", "read_latency_p95", "read_latency_p99",
            "write_latency_p50", "write_latency_p95", "write_latency_p99"), names(json.get("performance")));
        assertEquals(List.of("hit_rate", "total_hits", "total_misses", "evictions"), names(json.get("cache")));
        assertEquals(List.of("active", "completed", "failed", "success_rate", "avg_duration_ms"),
            names(json.get("optimizations")));
        assertEquals(List.of("error_rate", "active_sessions", "memory_usage_mb", "process_count"),
            names(json.get("health")));
    }

    @Test
    void shouldWriteEveryValueExactly() throws Exception
    {
        final JsonNode json = STRICT.readTree(DashboardJson.toJson(FULL));

        assertEquals(1_700_000_040_500L, json.get("timestamp").longValue());
        assertEquals("last_minute", json.get("range").get("name").textValue());
        assertEquals(1_699_999_981_000L, json.get("range").get("from_ms").longValue());
        assertEquals(1_700_000_041_000L, json.get("range").get("to_ms").longValue());
        assertEquals(1_000L, json.get("range").get("resolution_ms").longValue());
        assertEquals(120 / 59.5, json.get("operations").get("reads_per_second").doubleValue());
        assertEquals(20 / 59.5, json.get("operations").get("writes_per_second").doubleValue());
        assertEquals(145L, json.get("operations").get("total_operations").longValue());
        assertEquals(50L, json.get("performance").get("read_latency_p50").longValue());
        assertEquals(95L, json.get("performance").get("read_latency_p95").longValue());
        assertEquals(99L, json.get("performance").get("read_latency_p99").longValue());
        assertEquals(1000L, json.get("performance").get("write_latency_p50").longValue());
        assertEquals(1900L, json.get("performance").get("write_latency_p95").longValue());
        assertEquals(2000L, json.get("performance").get("write_latency_p99").longValue());
        assertEquals(0.9, json.get("cache").get("hit_rate").doubleValue());
        assertEquals(90L, json.get("cache").get("total_hits").longValue());
        assertEquals(10L, json.get("cache").get("total_misses").longValue());
        assertEquals(2L, json.get("cache").get("evictions").longValue());
        assertEquals(3L, json.get("optimizations").get("active").longValue());
        assertEquals(2L, json.get("optimizations").get("completed").longValue());
        assertEquals(1L, json.get("optimizations").get("failed").longValue());
        assertEquals(2 / 3.0, json.get("optimizations").get("success_rate").doubleValue());
        assertEquals(200.0, json.get("optimizations").get("avg_duration_ms").doubleValue());
        assertEquals(5 / 145.0, json.get("health").get("error_rate").doubleValue());
        assertEquals(9L, json.get("health").get("active_sessions").longValue());
        assertEquals(600L, json.get("health").get("memory_usage_mb").longValue());
        assertEquals(42L, json.get("health").get("process_count").longValue());
    }

    @Test
    void shouldParseBackIntoAnEqualDashboard() throws Exception
    {
        assertEquals(FULL, STRICT.readValue(DashboardJson.toJson(FULL), Dashboard.class));
        assertEquals(EMPTY, STRICT.readValue(DashboardJson.toJson(EMPTY), Dashboard.class));
    }

    @Test
    void shouldWriteAbsentValuesAsNull() throws Exception
    {
        final String text = DashboardJson.toJson(EMPTY);
        final JsonNode json = STRICT.readTree(text);

        assertTrue(json.get("range").get("from_ms").isNull(), text);
        assertTrue(json.get("range").get("to_ms").isNull(), text);
        for (final String section : List.of("operations", "performance", "cache", "optimizations", "health"))
        {
            json.get(section).forEach(value -> assertTrue(value.isNull(), section + ": " + text));
        }
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
    }

    @Test
    void shouldWriteNonFiniteNumbersAsNullToStayStrictJson() throws Exception
    {
        final Dashboard broken = new Dashboard(FULL.timestamp(), FULL.range(),
            new Dashboard.Operations(Double.NaN, Double.POSITIVE_INFINITY, 1L), FULL.performance(), FULL.cache(),
            FULL.optimizations(), FULL.health());

        final JsonNode json = STRICT.readTree(DashboardJson.toJson(broken));

        assertTrue(json.get("operations").get("reads_per_second").isNull());
        assertTrue(json.get("operations").get("writes_per_second").isNull());
    }

    @Test
    void shouldWriteTheSameBytesToAStreamAndLeaveItOpen() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicBoolean closed = new AtomicBoolean();
        final FilterOutputStream out = new FilterOutputStream(bytes)
        {
            @Override
            public void close()
            {
                closed.set(true);
            }
        };

        DashboardJson.write(FULL, out);

        assertEquals(DashboardJson.toJson(FULL), bytes.toString(StandardCharsets.UTF_8));
        assertFalse(closed.get());
    }

    private static List<String> names(final JsonNode object)
    {
        final List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

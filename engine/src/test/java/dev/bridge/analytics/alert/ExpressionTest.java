package dev.bridge.analytics.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The value of every kind of rule expression, read through the query API over the rule's window. */
class ExpressionTest
{
    @TempDir
    Path dir;

    @Test
    void shouldEvaluateEveryAggregationAndDashboardFieldOverTheWindow()
    {
        final Map<String, String> exprs = new LinkedHashMap<>();
        exprs.put("avg", "{ metric: read_latency_us, aggregation: avg }");
        exprs.put("sum", "{ metric: read_latency_us, aggregation: sum }");
        exprs.put("min", "{ metric: read_latency_us, aggregation: min }");
        exprs.put("max", "{ metric: read_latency_us, aggregation: max }");
        exprs.put("count", "{ metric: read_latency_us, aggregation: count }");
        exprs.put("count_without_data", "{ metric: write_latency_us, aggregation: count }");
        exprs.put("last", "{ metric: active_sessions, aggregation: last }");
        exprs.put("p95", "{ metric: read_latency_us, aggregation: p95 }");
        exprs.put("p99_9", "{ metric: read_latency_us, aggregation: p99.9 }");
        exprs.put("rate", "{ metric: variable_read, aggregation: rate, window: 1m }");
        exprs.put("ratio", "{ metric: operation_error, labels: { operation: read }, aggregation: ratio, " +
            "denominator: { metric: variable_read } }");
        exprs.put("error_rate", "{ field: health.error_rate }");
        exprs.put("hit_rate", "{ field: cache.hit_rate }");
        exprs.put("sessions", "{ field: health.active_sessions }");
        final StringBuilder yaml = new StringBuilder("alerts:\n  evaluation_interval: 10s\n  rules:\n");
        exprs.forEach((name, expr) -> yaml.append("    - { name: ").append(name).append(", expr: ").append(expr)
            .append(", comparator: '>=', threshold: -1000000, severity: info }\n"));

        try (RuleTester t = RuleTester.start(dir, yaml.toString()))
        {
            for (int v = 1; v <= 100; v++)
            {
                t.record("read_latency_us", v, 1);
            }
            t.add("variable_read", 118);
            t.add("operation_error", 59, "operation", "read");
            t.add("cache_hit", 9);
            t.add("cache_miss", 1);
            t.set("active_sessions", 7);
            t.advanceTo(Duration.ofSeconds(30));

            final Map<String, Double> expected = new LinkedHashMap<>();
            expected.put("avg", 50.5);
            expected.put("sum", 5050.0);
            expected.put("min", 1.0);
            expected.put("max", 100.0);
            expected.put("count", 100.0);
            expected.put("count_without_data", 0.0);
            expected.put("last", 7.0);
            expected.put("p95", 95.0);
            expected.put("p99_9", 100.0);
            expected.put("rate", 2.0); // 118 reads over the 59 s from the window's first bucket (-29 s) to now (30 s)
            expected.put("ratio", 0.5);
            expected.put("error_rate", 0.5);
            expected.put("hit_rate", 0.9);
            expected.put("sessions", 7.0);
            final Map<String, Double> actual = new LinkedHashMap<>();
            exprs.keySet().forEach(name -> actual.put(name, t.alert(name).value()));
            assertEquals(expected, actual);
        }
    }

    @Test
    void shouldDivideEachByGroupByTheDenominatorWhenItLacksTheLabel()
    {
        try (RuleTester t = RuleTester.start(dir, """
            alerts:
              rules:
                - name: error_ratio
                  expr: { metric: operation_error, aggregation: ratio, by: [operation], denominator: { metric: variable_read } }
                  comparator: ">"
                  threshold: 0.1
                  severity: warning
            """))
        {
            t.add("variable_read", 200);
            t.add("operation_error", 10, "operation", "read");
            t.add("operation_error", 50, "operation", "write");
            t.advanceTo(Duration.ZERO);
            final Map<String, Double> byOperation = new TreeMap<>();
            t.alerts("error_ratio").forEach(a -> byOperation.put(a.labels().get("operation"), a.value()));
            assertEquals(Map.of("write", 0.25), byOperation, "read: 10 / 200 = 0.05 is not above 0.1");
        }
    }

    @Test
    void shouldNotAlertWithoutDataExceptOnCount()
    {
        try (RuleTester t = RuleTester.start(dir, """
            alerts:
              rules:
                - { name: no_reads, expr: { metric: variable_read, aggregation: count }, comparator: "==", threshold: 0, severity: info }
                - { name: quiet, expr: { metric: variable_read, aggregation: rate }, comparator: "<", threshold: 1, severity: info }
                - { name: no_hit_rate, expr: { field: cache.hit_rate }, comparator: "<", threshold: 0.8, severity: info }
            """))
        {
            t.advanceTo(Duration.ZERO);
            assertEquals(AlertState.FIRING, t.state("no_reads"), "count is 0 without data");
            assertEquals(null, t.state("quiet"), "no rate without data");
            assertEquals(null, t.state("no_hit_rate"), "no hit rate without lookups");
        }
    }
}

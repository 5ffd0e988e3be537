package dev.bridge.analytics.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bridge.analytics.promql.BucketWidths;
import dev.bridge.analytics.promql.Expr;
import dev.bridge.analytics.promql.Labels;
import dev.bridge.analytics.promql.PromqlEvaluator;
import dev.bridge.analytics.promql.PromqlParser;
import dev.bridge.analytics.promql.SeriesSamples;
import dev.bridge.analytics.promql.StorePromqlSource;
import dev.bridge.analytics.promql.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The engine's PromQL answers what a real Prometheus 2.42 answers over the same data: one engine records a scripted
 * half hour of DSPex traffic (counters with and without labels, a gauge, two histograms) on a manual clock and
 * pushes it to Prometheus by remote write (classic buckets and native histograms); then every expression below is
 * evaluated by both, as instant queries at
 * three times (one off the 15 s grid) and as range queries at two steps, and compared series by series, point by
 * point, within 1e-9 relative. Prometheus' series carry remote write's {@code instance} and {@code job} labels,
 * which are dropped before comparing.
 */
class PromqlAgreesWithPrometheusTest
{
    private static final long STEP_MS = 15_000;
    private static final int STEPS = 120; // 30 minutes
    private static final double TOLERANCE = 1e-9;

    @TempDir
    static Path dir;
    private static PrometheusServer prometheus;
    private static RemoteWriteNode node;
    private static long endMs;

    @BeforeAll
    static void pushAHalfHour() throws Exception
    {
        Files.createDirectories(dir.resolve("prom"));
        prometheus = PrometheusServer.start(dir.resolve("prom"));
        // recent enough for Prometheus' head block, in the past so every step has closed
        final long t0 = (System.currentTimeMillis() / STEP_MS) * STEP_MS - 40 * 60_000L;
        endMs = t0 + STEPS * STEP_MS;
        node = new RemoteWriteNode(dir.resolve("engine"), "node-a", prometheus.writeUrl(), t0);
        final SplittableRandom random = new SplittableRandom(7);
        final String[] operations = { "read", "write", "delete" };
        for (int step = 0; step < STEPS; step++)
        {
            // a few moments per step, at whole and fractional seconds
            for (int moment = 0; moment < 3; moment++)
            {
                node.clock.set(t0 + step * STEP_MS + moment * 4_000 + random.nextInt(4_000));
                node.engine.counter("variable_read").add(1 + random.nextInt(40));
                if (random.nextInt(3) > 0)
                {
                    node.engine.counter("cache_hit").add(random.nextInt(30));
                    node.engine.counter("cache_miss").add(random.nextInt(5));
                }
                if (step % 7 != 3) // a quiet stretch for some series
                {
                    node.engine.counter("operation_error", "operation", operations[random.nextInt(3)]).increment();
                }
                for (int i = 0; i < 20; i++)
                {
                    node.engine.histogram("read_latency_us").record(50 + random.nextInt(i % 10 == 0 ? 200_000 : 5_000));
                }
                if (step > 10)
                {
                    node.engine.histogram("write_latency_us").record(100 + random.nextInt(20_000));
                }
                if (step % 4 == 0)
                {
                    node.engine.gauge("active_sessions").set(random.nextInt(50));
                }
                node.engine.flush();
            }
            final long stepEnd = t0 + (step + 1) * STEP_MS;
            for (int retry = 0; retry < 20 && node.exporter.ackedUntilMs() < stepEnd; retry++)
            {
                node.push(Math.max(stepEnd + RemoteWriteExporter.GRACE_MS, node.clock.time()));
            }
            assertEquals(stepEnd, node.exporter.ackedUntilMs(), "step " + step + " acknowledged");
        }
        assertEquals(0, node.exporter.droppedRequests());
    }

    @AfterAll
    static void stop() throws Exception
    {
        if (node != null)
        {
            node.close();
        }
        if (prometheus != null)
        {
            prometheus.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "dspex_variable_read_total",
        "sum(dspex_variable_read_total)",
        "rate(dspex_variable_read_total[1m])",
        "rate(dspex_variable_read_total[5m])",
        "irate(dspex_variable_read_total[1m])",
        "increase(dspex_variable_read_total[2m])",
        "dspex_operation_error_total{operation=\"read\"}",
        "dspex_operation_error_total{operation!=\"read\"}",
        "dspex_operation_error_total{operation=~\"(read|wr.*)\"}",
        "dspex_operation_error_total{operation!~\"re.*\"}",
        "sum by (operation) (rate(dspex_operation_error_total[5m]))",
        "sum without (operation) (increase(dspex_operation_error_total[5m]))",
        "count(dspex_operation_error_total)",
        "max(dspex_operation_error_total) - min(dspex_operation_error_total)",
        "avg(rate(dspex_operation_error_total[3m]))",
        "dspex_active_sessions",
        "dspex_active_sessions * 2 + 1",
        "avg_over_time(dspex_active_sessions[5m])",
        "max_over_time(dspex_active_sessions[5m])",
        "min_over_time(dspex_active_sessions[10m])",
        "sum_over_time(dspex_active_sessions[2m])",
        "count_over_time(dspex_variable_read_total[5m])",
        "dspex_variable_read_total > 3000",
        "dspex_variable_read_total - dspex_variable_read_total offset 1m",
        "rate(dspex_variable_read_total[5m] offset 10m)",
        "dspex_read_latency_seconds_count offset 5m",
        "dspex_read_latency_seconds_bucket",
        "rate(dspex_read_latency_seconds_sum[5m]) / rate(dspex_read_latency_seconds_count[5m])",
        "histogram_quantile(0.99, sum by (le) (rate(dspex_read_latency_seconds_bucket[5m])))",
        "histogram_quantile(0.5, rate(dspex_read_latency_seconds_bucket[5m]))",
        "histogram_quantile(0.9, sum by (le) (increase(dspex_write_latency_seconds_bucket[10m])))",
        "sum(rate(dspex_cache_hit_total[5m])) / (sum(rate(dspex_cache_hit_total[5m])) + sum(rate(dspex_cache_miss_total[5m])))",
        "histogram_count(dspex_read_latency_seconds)",
        "histogram_sum(rate(dspex_read_latency_seconds[5m]))",
        "histogram_count(increase(dspex_write_latency_seconds[10m]))",
        "histogram_quantile(0.5, dspex_read_latency_seconds)",
        "histogram_quantile(0.9, sum(rate(dspex_read_latency_seconds[5m])))",
        "histogram_quantile(0.99, rate(dspex_write_latency_seconds[10m]))",
    })
    void shouldAnswerAsPrometheusDoesOverTheSameRemoteWrittenData(final String expr) throws Exception
    {
        for (final long at : new long[]{ endMs, endMs - 190_500, endMs - 12 * 60_000 })
        {
            final Map<String, Double> expected = prometheusVector(prometheus.queryResult(expr, at));
            final Map<String, Double> actual = engineVector(expr, at);
            assertFalse(expected.isEmpty(), expr + " has no result at " + at);
            assertSameValues(expected, actual, expr + " at " + at);
        }
        for (final long stepMs : new long[]{ 30_000, 45_500 })
        {
            final long start = endMs - 20 * 60_000;
            final Map<String, List<double[]>> expected = prometheusMatrix(
                prometheus.queryRangeResult(expr, start, endMs, stepMs));
            final Map<String, List<double[]>> actual = engineMatrix(expr, start, endMs, stepMs);
            assertEquals(expected.keySet(), actual.keySet(), expr + " range step " + stepMs + ": series");
            for (final String series : expected.keySet())
            {
                final List<double[]> e = expected.get(series);
                final List<double[]> a = actual.get(series);
                assertEquals(times(e), times(a), expr + " range step " + stepMs + " " + series + ": timestamps");
                for (int i = 0; i < e.size(); i++)
                {
                    assertClose(e.get(i)[1], a.get(i)[1], expr + " range step " + stepMs + " " + series + " at " + e.get(i)[0]);
                }
            }
        }
    }

    private static void assertSameValues(final Map<String, Double> expected, final Map<String, Double> actual, final String what)
    {
        assertEquals(expected.keySet(), actual.keySet(), what + ": series");
        expected.forEach((series, value) -> assertClose(value, actual.get(series), what + " " + series));
    }

    private static void assertClose(final double expected, final double actual, final String what)
    {
        if (Double.isNaN(expected) || Double.isInfinite(expected))
        {
            assertEquals(expected, actual, what);
            return;
        }
        assertEquals(expected, actual, Math.abs(expected) * TOLERANCE + 1e-12, what);
    }

    private static List<Double> times(final List<double[]> points)
    {
        return points.stream().map(p -> p[0]).toList();
    }

    private static Value evaluate(final String expr, final long startMs, final long endMs, final long stepMs)
    {
        final Expr parsed = PromqlParser.parse(expr);
        final StorePromqlSource source = new StorePromqlSource(node.engine.queries(),
            stepMs == 0 ? BucketWidths.forInstant(parsed, endMs, PromqlEvaluator.DEFAULT_LOOKBACK_MS) :
                BucketWidths.forRange(parsed, startMs, stepMs, PromqlEvaluator.DEFAULT_LOOKBACK_MS));
        final PromqlEvaluator evaluator = new PromqlEvaluator(source, PromqlEvaluator.DEFAULT_LOOKBACK_MS);
        return stepMs == 0 ? evaluator.instant(parsed, endMs) : evaluator.range(parsed, startMs, endMs, stepMs);
    }

    private static Map<String, Double> engineVector(final String expr, final long atMs)
    {
        final Map<String, Double> out = new TreeMap<>();
        final Value value = evaluate(expr, atMs, atMs, 0);
        if (value instanceof Value.Scalar s)
        {
            out.put("{}", s.value());
            return out;
        }
        for (final Value.Sample s : ((Value.Vector)value).samples())
        {
            out.put(s.labels().toString(), s.value());
        }
        return out;
    }

    private static Map<String, List<double[]>> engineMatrix(final String expr, final long startMs, final long endMs,
        final long stepMs)
    {
        final Map<String, List<double[]>> out = new TreeMap<>();
        for (final SeriesSamples s : ((Value.Matrix)evaluate(expr, startMs, endMs, stepMs)).series())
        {
            final List<double[]> points = new ArrayList<>();
            for (int i = 0; i < s.size(); i++)
            {
                points.add(new double[]{ s.timestampsMs()[i] / 1000.0, s.values()[i] });
            }
            out.put(s.labels().toString(), points);
        }
        return out;
    }

    private static Map<String, Double> prometheusVector(final JsonNode result)
    {
        final Map<String, Double> out = new TreeMap<>();
        for (final JsonNode series : result)
        {
            out.put(labels(series.path("metric")), Double.parseDouble(series.path("value").get(1).asText()));
        }
        return out;
    }

    private static Map<String, List<double[]>> prometheusMatrix(final JsonNode result)
    {
        final Map<String, List<double[]>> out = new TreeMap<>();
        for (final JsonNode series : result)
        {
            final List<double[]> points = new ArrayList<>();
            for (final JsonNode p : series.path("values"))
            {
                points.add(new double[]{ p.get(0).asDouble(), Double.parseDouble(p.get(1).asText()) });
            }
            out.put(labels(series.path("metric")), points);
        }
        return out;
    }

    /** @return Prometheus' labels as the engine's {@code Labels.toString()} prints them, without remote write's. */
    private static String labels(final JsonNode metric)
    {
        final Map<String, String> labels = new TreeMap<>();
        metric.fields().forEachRemaining(e ->
        {
            if (!e.getKey().equals("instance") && !e.getKey().equals("job"))
            {
                labels.put(e.getKey(), e.getValue().asText());
            }
        });
        return Labels.of(labels).toString();
    }
}

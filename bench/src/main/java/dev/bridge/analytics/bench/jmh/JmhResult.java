package dev.bridge.analytics.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark of a JMH JSON result file ({@code -rf json}): who, with which parameters and threads, the primary
 * score and the {@code gc.alloc.rate.norm} secondary metric of {@code -prof gc}. Immutable, thread-safe.
 *
 * @param className  simple name of the benchmark class, e.g. {@code HistogramRecordBenchmark}.
 * @param method     benchmark method, e.g. {@code prometheus}.
 * @param threads    benchmark threads.
 * @param params     {@code @Param} values by name, sorted.
 * @param score      primary score (mean over iterations and forks).
 * @param scoreError half-width of JMH's 99.9% confidence interval; NaN when JMH gives none (too few samples).
 * @param scoreUnit  e.g. {@code ns/op}.
 * @param allocNorm  bytes allocated per operation, NaN when the run had no {@code -prof gc}.
 */
public record JmhResult(
    String className,
    String method,
    int threads,
    Map<String, String> params,
    double score,
    double scoreError,
    String scoreUnit,
    double allocNorm)
{
    /** Secondary metric of JMH's GC profiler: bytes allocated per operation (all threads of the fork). */
    public static final String ALLOC_NORM = "gc.alloc.rate.norm";

    public JmhResult
    {
        params = Map.copyOf(new TreeMap<>(params));
    }

    /** @return the result of one element of JMH's JSON array. */
    public static JmhResult of(final JsonNode node)
    {
        final String benchmark = node.path("benchmark").asText();
        final int lastDot = benchmark.lastIndexOf('.');
        final String qualifiedClass = benchmark.substring(0, lastDot);
        final String className = qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
        final Map<String, String> params = new TreeMap<>();
        node.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        final JsonNode primary = node.path("primaryMetric");
        final JsonNode alloc = node.path("secondaryMetrics").path(ALLOC_NORM);
        return new JmhResult(
            className,
            benchmark.substring(lastDot + 1),
            node.path("threads").asInt(1),
            params,
            primary.path("score").asDouble(Double.NaN),
            number(primary.path("scoreError")),
            primary.path("scoreUnit").asText(),
            alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble(Double.NaN));
    }

    /** @return the parameters sorted by name, as {@code name=value, ...}; empty when there are none. */
    public String paramsText()
    {
        final StringBuilder text = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return text.toString();
    }

    private static double number(final JsonNode node)
    {
        // JMH writes "NaN" as a string when there are too few samples for an interval
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }
}

package dev.bridge.analytics.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed JMH JSON result file: its benchmarks and the options they ran with (taken from the first entry; a
 * run.sh run uses the same options for all). Immutable, thread-safe.
 *
 * @param results         every benchmark, in file order.
 * @param jmhVersion      e.g. {@code 1.37}.
 * @param jdkVersion      e.g. {@code 17.0.15}.
 * @param vm              VM name and version.
 * @param forks           forks per benchmark.
 * @param warmup          warm-up iterations and time, e.g. {@code 2 x 1 s}.
 * @param measurement     measurement iterations and time, e.g. {@code 3 x 1 s}.
 * @param mode            benchmark mode, e.g. {@code avgt}.
 * @param jvmArgs         the forks' JVM arguments, space separated, each once (in first-seen order).
 */
public record JmhRun(
    List<JmhResult> results,
    String jmhVersion,
    String jdkVersion,
    String vm,
    int forks,
    String warmup,
    String measurement,
    String mode,
    String jvmArgs)
{
    public JmhRun
    {
        results = List.copyOf(results);
    }

    /** @return the run described by JMH's JSON text; throws {@link IllegalArgumentException} if it is not one. */
    public static JmhRun parse(final String json)
    {
        final JsonNode root;
        try
        {
            root = new ObjectMapper().readTree(json);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("not JSON: " + ex.getMessage(), ex);
        }
        if (root == null || !root.isArray() || root.isEmpty())
        {
            throw new IllegalArgumentException("expected a non-empty JMH JSON array");
        }
        final List<JmhResult> results = new ArrayList<>();
        root.forEach(node -> results.add(JmhResult.of(node)));
        final JsonNode first = root.get(0);
        final Set<String> jvmArgs = new LinkedHashSet<>();   // inherited from the host VM and appended by @Fork
        first.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
        return new JmhRun(
            results,
            first.path("jmhVersion").asText(),
            first.path("jdkVersion").asText(),
            first.path("vmName").asText() + " " + first.path("vmVersion").asText(),
            first.path("forks").asInt(),
            first.path("warmupIterations").asInt() + " x " + first.path("warmupTime").asText(),
            first.path("measurementIterations").asInt() + " x " + first.path("measurementTime").asText(),
            first.path("mode").asText(),
            String.join(" ", jvmArgs));
    }
}

package dev.bridge.analytics.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsDocTest
{
    private static final Path ROOT = RepoRoot.find();

    @Test
    void checkedInDocumentIsUpToDate() throws IOException, ConfigException
    {
        final Path doc = ROOT.resolve("docs/metrics.md");
        final String expected = MetricsDoc.render(EngineConfig.load(ROOT.resolve("config/analytics.yaml")));
        final String regenerate = "docs/metrics.md is out of date with config/analytics.yaml; regenerate it from " +
            ROOT + " with: " + MetricsDoc.REGENERATE_COMMAND;
        assertTrue(Files.isRegularFile(doc), regenerate);
        assertEquals(expected, Files.readString(doc, StandardCharsets.UTF_8), regenerate);
    }

    @Test
    void documentListsEveryMetricWithItsExportedName()
    {
        final EngineConfig config = EngineConfig.defaults();
        final String md = MetricsDoc.render(config);
        for (final MetricDefinition m : config.metrics())
        {
            assertTrue(md.contains("### `" + m.name() + "`"), m.name());
            assertTrue(md.contains(m.help()), m.name());
            assertTrue(md.contains("`" + PrometheusNames.familyName(m, "dspex_") + "`"), m.name());
        }
        assertTrue(md.contains("1 to 60,000,000 microseconds (1 us to 1 min), 3 significant digits"));
        assertTrue(md.contains("1 to 3,600,000 milliseconds (1 ms to 1 h), 3 significant digits"));
    }

    @Test
    void prometheusNamesFollowBaseUnits()
    {
        final EngineConfig config = EngineConfig.defaults();
        assertExport(config, "variable_read", "dspex_variable_read_total", 1.0);
        assertExport(config, "operation_error", "dspex_operation_error_total", 1.0);
        assertExport(config, "read_latency_us", "dspex_read_latency_seconds", 1e-6);
        assertExport(config, "grpc_latency_us", "dspex_grpc_latency_seconds", 1e-6);
        assertExport(config, "optimization_duration_ms", "dspex_optimization_duration_seconds", 1e-3);
        assertExport(config, "memory_usage_mb", "dspex_memory_usage_bytes", 1024.0 * 1024.0);
        assertExport(config, "ets_memory_mb", "dspex_ets_memory_bytes", 1024.0 * 1024.0);
        assertExport(config, "active_sessions", "dspex_active_sessions", 1.0);
        assertExport(config, "process_count", "dspex_process_count", 1.0);
        assertExport(config, "optimization_improvement", "dspex_optimization_improvement", 1.0);

        final MetricDefinition unsuffixed = new MetricDefinition(
            "rtt", MetricType.HISTOGRAM, "microseconds", "x", List.of(), new HistogramSpec(1, 100, 2));
        assertEquals("rtt_seconds", PrometheusNames.familyName(unsuffixed, ""));
        final MetricDefinition gaugeInMs = new MetricDefinition(
            "lag_ms", MetricType.GAUGE, "milliseconds", "x", List.of(), null);
        assertEquals("app_lag_ms", PrometheusNames.familyName(gaugeInMs, "app_"));
        assertEquals(1.0, PrometheusNames.toBaseUnitFactor(gaugeInMs));
        assertThrows(IllegalArgumentException.class, () -> PrometheusNames.familyName(gaugeInMs, "bad-prefix"));
    }

    private static void assertExport(final EngineConfig config, final String name, final String family, final double factor)
    {
        final MetricDefinition m = config.metric(name).orElseThrow();
        assertEquals(family, PrometheusNames.familyName(m, PrometheusNames.DSPEX_PREFIX), name);
        assertEquals(factor, PrometheusNames.toBaseUnitFactor(m), factor * 1e-12, name);
    }
}

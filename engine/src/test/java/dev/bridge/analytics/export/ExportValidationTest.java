package dev.bridge.analytics.export;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.ExportSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus exports of {@link ExportWorkload} over the whole default catalog (every metric recorded, a label
 * value and a help that need escaping), with and without summaries, and with the engine's own gauges sampled,
 * checked by promtool (exit 0, no lint output) and the strict OpenMetrics parser (see {@link ExternalValidators}).
 */
class ExportValidationTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPassPromtoolAndTheOpenMetricsParser() throws IOException
    {
        final Exports exports = exportWorkload(EngineConfig.defaults().export(), false);

        assertEquals(new ExternalValidators.Result(0, ""), ExternalValidators.promtoolCheck(exports.prometheus()));
        final ExternalValidators.Result parsed = ExternalValidators.openMetricsParse(exports.openMetrics());
        assertEquals(0, parsed.exitCode(), parsed.output());
        // 24 families: the 23 catalog metrics (read, write, delete, ...) and http_error
        assertTrue(parsed.output().startsWith("24 families "), parsed.output());
    }

    @Test
    void shouldPassWithSummariesNextToTheHistograms() throws IOException
    {
        final ExportSettings defaults = EngineConfig.defaults().export();
        final Exports exports = exportWorkload(new ExportSettings(defaults.prefix(), List.of(0.5, 0.9, 0.99, 0.999),
            defaults.histogramBuckets(), defaults.statsd()), false);

        assertEquals(new ExternalValidators.Result(0, ""), ExternalValidators.promtoolCheck(exports.prometheus()));
        final ExternalValidators.Result parsed = ExternalValidators.openMetricsParse(exports.openMetrics());
        assertEquals(0, parsed.exitCode(), parsed.output());
        assertTrue(parsed.output().startsWith("28 families "), parsed.output());
        assertTrue(exports.prometheus().contains("dspex_read_latency_quantiles_seconds{quantile=\"0.99\"} 1.0E-4\n"),
            exports.prometheus());
    }

    @Test
    void shouldPassWithTheEnginesOwnGaugesAndNoPrefix() throws IOException
    {
        final ExportSettings defaults = EngineConfig.defaults().export();
        final Exports exports = exportWorkload(
            new ExportSettings("", defaults.summaryQuantiles(), defaults.histogramBuckets(), defaults.statsd()), true);

        assertEquals(new ExternalValidators.Result(0, ""), ExternalValidators.promtoolCheck(exports.prometheus()));
        final ExternalValidators.Result parsed = ExternalValidators.openMetricsParse(exports.openMetrics());
        assertEquals(0, parsed.exitCode(), parsed.output());
        assertTrue(exports.prometheus().contains("\n# TYPE engine_events_aggregated_total counter\nengine_events_aggregated_total "),
            exports.prometheus());
        assertTrue(exports.prometheus().contains("\n# TYPE engine_ring_capacity gauge\nengine_ring_capacity 65536.0\n"),
            exports.prometheus());
        assertTrue(exports.openMetrics().contains("\n# TYPE engine_commits counter\n"), exports.openMetrics());
        assertTrue(exports.prometheus().contains("\nvariable_read_total 1500.0\n"), exports.prometheus());
    }

    private record Exports(String prometheus, String openMetrics)
    {
    }

    private Exports exportWorkload(final ExportSettings export, final boolean sampleEngineGauges) throws IOException
    {
        final ManualClock clock = new ManualClock(ExportWorkload.S);
        EngineConfig config = ExportWorkload.config(dir, export);
        if (sampleEngineGauges)
        {
            config = config.withEngine(b -> b.resourceSamplingInterval(Duration.ofSeconds(1)));
        }
        try (AnalyticsEngine engine = AnalyticsEngine.start(config, clock))
        {
            ExportWorkload.run(engine, clock);
            if (sampleEngineGauges)
            {
                clock.advance(2_000);
                engine.flush(); // the consumer samples on its tick
                engine.flush();
            }
            return new Exports(export(engine, ExportFormat.PROMETHEUS), export(engine, ExportFormat.OPENMETRICS));
        }
    }

    private static String export(final AnalyticsEngine engine, final ExportFormat format) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.queries().export(format, TimeRange.ALL, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}

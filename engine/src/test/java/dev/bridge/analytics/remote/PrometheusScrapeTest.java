package dev.bridge.analytics.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.HttpSettings;
import dev.bridge.analytics.http.AnalyticsHttpServer;
import dev.bridge.analytics.pipeline.SelfMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real Prometheus 2.42 with {@code --enable-feature=native-histograms} scrapes the engine's {@code /metrics} on
 * 127.0.0.1 every second: it negotiates protobuf (and gzip), and ingests the read latency as a native histogram whose
 * {@code histogram_quantile} matches the engine's percentile within the stated error (one native bucket at schema 8,
 * {@code 2^(1/256) - 1}, plus HdrHistogram's {@code 10^-3}); the engine's own counts arrive as counters.
 */
class PrometheusScrapeTest
{
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldIngestNativeHistogramsWhoseQuantilesMatchTheEngines(@TempDir final Path dir) throws Exception
    {
        final ManualClock clock = new ManualClock(System.currentTimeMillis());
        final EngineConfig config = EngineConfig.defaults().withEngine(
            b -> b.dataDirectory(dir.resolve("store")).resourceSamplingInterval(Duration.ofSeconds(1)).storeEntries(100_000));
        try (AnalyticsEngine engine = AnalyticsEngine.start(config, clock);
             AnalyticsHttpServer server = AnalyticsHttpServer.start(engine.queries(), HttpSettings.DEFAULT.withPort(0)))
        {
            final SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 20_000; i++)
            {
                // mostly 100 us .. 10 ms, a tail up to 2 s
                engine.histogram("read_latency_us").record(
                    i % 50 == 0 ? 10_000 + random.nextInt(2_000_000) : 100 + random.nextInt(10_000));
            }
            engine.counter("variable_read").add(20_000);
            engine.flush();
            clock.advance(2_000);
            engine.flush(); // the consumer samples the engine's own metrics on its tick, after the batch above
            final long aggregated = engine.selfMetric(SelfMetric.EVENTS_AGGREGATED);
            Files.createDirectories(dir.resolve("prom"));
            try (PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prom"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: bridge
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(server.port())))
            {
                final long[] at = new long[1];
                Await.until("a scrape with the native histogram (log: " + dir.resolve("prom/prometheus.log") + ")", () ->
                {
                    at[0] = System.currentTimeMillis();
                    try
                    {
                        return !prometheus.queryResult("dspex_read_latency_seconds", at[0]).isEmpty();
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                });
                final JsonNode histogram = prometheus.queryResult("dspex_read_latency_seconds", at[0]).get(0);
                assertEquals("20000", histogram.path("histogram").get(1).path("count").asText(),
                    "a native histogram sample: " + histogram);
                assertEquals(1.0, prometheus.query("up{job=\"bridge\"}", at[0]));
                assertEquals(20_000.0, prometheus.query("dspex_variable_read_total", at[0]));
                assertEquals(20_001, aggregated, "20000 latencies and one counter add");
                assertEquals(aggregated, prometheus.query("dspex_engine_events_aggregated_total", at[0]));
                assertEquals("counter", prometheus.metadataType("dspex_engine_events_aggregated_total"));
                assertEquals("histogram", prometheus.metadataType("dspex_read_latency_seconds"));
                final double error = Math.pow(2, 1.0 / 256) - 1 + 1e-3;
                for (final double q : new double[]{ 0.5, 0.9, 0.99, 0.999 })
                {
                    final double expected =
                        engine.queries().percentile("read_latency_us", Map.of(), TimeRange.ALL, q) / 1e6;
                    final double answered =
                        prometheus.query("histogram_quantile(" + q + ", dspex_read_latency_seconds)", at[0]);
                    assertEquals(expected, answered, expected * error,
                        "p" + q * 100 + ": Prometheus " + answered + " s, engine " + expected + " s");
                }
            }
        }
    }
}

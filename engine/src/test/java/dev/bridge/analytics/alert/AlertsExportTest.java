package dev.bridge.analytics.alert;

import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.AlertSettings;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.export.ExportFormat;
import dev.bridge.analytics.export.StreamingScrapeTest;
import dev.bridge.analytics.export.ExternalValidators;
import dev.bridge.analytics.http.AnalyticsHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's alerts leave the process as Prometheus does it, {@code ALERTS{alertname, alertstate, severity, ...} 1}
 * for each pending or firing alert, in both text formats (promtool and the strict OpenMetrics parser accept them),
 * and at {@code /api/alerts} with the silences.
 */
@Timeout(60)
class AlertsExportTest
{
    private static final AlertSettings RULES = RuleTester.parse("""
        alerts:
          evaluation_interval: 1s
          rules:
            - { name: many_sessions, expr: { metric: active_sessions, aggregation: last, window: 10m },
                comparator: ">", threshold: 10, severity: warning }
            - { name: some_sessions, expr: { metric: active_sessions, aggregation: last, window: 10m },
                comparator: ">", threshold: 5, for: 1h, severity: info, labels: { team: "bridge \\"core\\"" } }
          route: { group_wait: 0, receivers: [ { type: listener } ] }
          silences:
            - { matchers: { alertname: some_sessions }, duration: 2h, comment: maintenance, created_by: ops }
        """);

    @TempDir
    Path dir;

    @Test
    void shouldExportPendingAndFiringAlertsAsPrometheusAlertsSeriesAndAtApiAlerts() throws Exception
    {
        final ManualClock clock = new ManualClock(RuleTester.START_MS);
        final EngineConfig config = EngineConfig.defaults()
            .withEngine(b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000))
            .withAlerts(RULES);
        try (AnalyticsEngine engine = AnalyticsEngine.start(config, clock))
        {
            // the engine's own alert thread evaluates once at START_MS (the next one is due a second later): let it,
            // before the gauge exists, or the pending alert would date from START_MS instead of the doWork below
            Await.until("the alert thread's first evaluation",
                () -> engine.selfMetric(SelfMetric.ALERT_EVALUATIONS) > 0);
            engine.gauge("active_sessions").set(20);
            engine.flush();
            clock.set(RuleTester.START_MS + 1_000);
            engine.alerts().doWork(clock.time());
            assertEquals(List.of(AlertState.FIRING, AlertState.PENDING),
                engine.alerts().alerts().stream().map(Alert::state).toList());

            final String scraped = StreamingScrapeTest.assertSameBytes(engine, ExportFormat.PROMETHEUS);
            assertTrue(scraped.contains("ALERTS{alertname=\"many_sessions\",alertstate=\"firing\",severity=\"warning\"} 1.0\n" +
                "ALERTS{alertname=\"some_sessions\",alertstate=\"pending\",severity=\"info\",team=\"bridge \\\"core\\\"\"} 1.0\n"),
                scraped);
            StreamingScrapeTest.assertSameBytes(engine, ExportFormat.OPENMETRICS);
            final String text = export(engine, ExportFormat.PROMETHEUS);
            assertTrue(text.contains("""
                # HELP ALERTS Pending and firing alerts of the engine's rules (1 each), as Prometheus exports them.
                # TYPE ALERTS gauge
                ALERTS{alertname="many_sessions",alertstate="firing",severity="warning"} 1.0
                ALERTS{alertname="some_sessions",alertstate="pending",severity="info",team="bridge \\"core\\""} 1.0
                """), text);
            assertEquals(0, ExternalValidators.promtoolCheck(text).exitCode(), ExternalValidators.promtoolCheck(text).output());
            final String openMetrics = export(engine, ExportFormat.OPENMETRICS);
            assertEquals(0, ExternalValidators.openMetricsParse(openMetrics).exitCode(),
                ExternalValidators.openMetricsParse(openMetrics).output());

            try (AnalyticsHttpServer server = AnalyticsHttpServer.start(engine.queries(), config.http().withPort(0)))
            {
                final HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/alerts")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertEquals(200, response.statusCode());
                final Alert firing = engine.alerts().alerts().get(0);
                final String silenceId = engine.alerts().silences().get(0).id();
                assertEquals("{\"timestamp_ms\":" + (RuleTester.START_MS + 1_000) + ",\"alerts\":[" +
                    "{\"fingerprint\":\"" + firing.fingerprint() + "\",\"rule\":\"many_sessions\",\"state\":\"firing\"," +
                    "\"labels\":{\"alertname\":\"many_sessions\",\"severity\":\"warning\"},\"annotations\":{}," +
                    "\"active_at_ms\":" + (RuleTester.START_MS + 1_000) + ",\"fired_at_ms\":" + (RuleTester.START_MS + 1_000) +
                    ",\"resolved_at_ms\":null,\"value\":20.0,\"silenced_by\":[],\"inhibited\":false}," +
                    "{\"fingerprint\":\"" + engine.alerts().alerts().get(1).fingerprint() + "\",\"rule\":\"some_sessions\"," +
                    "\"state\":\"pending\",\"labels\":{\"alertname\":\"some_sessions\",\"severity\":\"info\"," +
                    "\"team\":\"bridge \\\"core\\\"\"},\"annotations\":{},\"active_at_ms\":" + (RuleTester.START_MS + 1_000) +
                    ",\"fired_at_ms\":null,\"resolved_at_ms\":null,\"value\":20.0,\"silenced_by\":[\"" + silenceId + "\"]," +
                    "\"inhibited\":false}],\"silences\":[{\"id\":\"" + silenceId + "\",\"matchers\":{\"alertname\":" +
                    "\"some_sessions\"},\"starts_at_ms\":" + engine.alerts().silences().get(0).startsAtMs() +
                    ",\"ends_at_ms\":" + engine.alerts().silences().get(0).endsAtMs() + ",\"comment\":\"maintenance\"," +
                    "\"created_by\":\"ops\",\"state\":\"active\"}]}", response.body());
            }
        }
    }

    @Test
    void shouldMirrorTheAlertCountsIntoTheEnginesSelfMetrics()
    {
        final ManualClock clock = new ManualClock(RuleTester.START_MS);
        final EngineConfig config = EngineConfig.defaults()
            .withEngine(b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ofSeconds(1)).storeEntries(100_000))
            .withAlerts(RULES);
        try (AnalyticsEngine engine = AnalyticsEngine.start(config, clock))
        {
            engine.gauge("active_sessions").set(20);
            engine.flush();
            engine.alerts().doWork(RuleTester.START_MS + 1_000);
            engine.alerts().doWork(RuleTester.START_MS + 2_000);
            final long evaluations = engine.alerts().counts().evaluations();
            assertTrue(evaluations >= 2, "evaluations: " + evaluations);
            clock.set(RuleTester.START_MS + 5_000); // a sampling tick is due: the consumer mirrors the counts
            Await.until("the evaluations mirrored",
                () -> engine.selfMetric(SelfMetric.ALERT_EVALUATIONS) >= evaluations);
            // the agent thread may evaluate meanwhile: a mirror never runs ahead of its source
            assertTrue(engine.selfMetric(SelfMetric.ALERT_EVALUATIONS) <=
                engine.alerts().counts().evaluations());
            assertEquals(0, engine.selfMetric(SelfMetric.ALERT_EVALUATION_ERRORS));
            assertEquals(0, engine.selfMetric(SelfMetric.STATSD_PUSH_PACKETS), "no push");
        }
    }

    private static String export(final AnalyticsEngine engine, final ExportFormat format) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.queries().export(format, TimeRange.ALL, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}

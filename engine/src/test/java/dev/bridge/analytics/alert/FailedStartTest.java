package dev.bridge.analytics.alert;

import com.sun.net.httpserver.HttpServer;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.ExportSettings;
import dev.bridge.analytics.config.RemoteWriteSettings;
import dev.bridge.analytics.config.StatsdFlavour;
import dev.bridge.analytics.config.StatsdPushSettings;
import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A start that fails at its last resource (the alert manager, whose saved state cannot be restored) closes what it
 * had opened, each once, in reverse order: no engine thread keeps running (pipeline, StatsD push, remote write,
 * webhook sender), the store is released, and the original exception is the one thrown.
 */
@Timeout(60)
class FailedStartTest
{
    private static final String ALERTS = """
        alerts:
          evaluation_interval: 1s
          rules:
            - { name: many_sessions, expr: { metric: active_sessions, aggregation: last, window: 10m },
                comparator: ">", threshold: 10, severity: warning }
          route:
            group_wait: 0
            receivers:
              - { name: ops, type: webhook, url: "http://127.0.0.1:9/hook" }
        """;
    /** Well-formed JSON that restore() cannot decode: an alert state that does not exist. */
    private static final String DAMAGED_STATE = "{\"version\":1,\"evaluated_at_ms\":0,\"alerts\":[{\"rule\":" +
        "\"many_sessions\",\"labels\":{},\"state\":\"bogus\",\"active_at_ms\":0,\"value\":0}]}";
    /** Threads the engine starts: consumers ({@code analytics-*}, webhook senders included), the two exporters. */
    private static final List<String> ENGINE_THREADS = List.of("analytics-", "statsd-push", "remote-write");

    @TempDir
    Path dir;

    private HttpServer receiver;
    private DatagramSocket statsd;

    @AfterEach
    void stopPeers()
    {
        if (receiver != null)
        {
            receiver.stop(0);
        }
        if (statsd != null)
        {
            statsd.close();
        }
    }

    @Test
    void shouldCloseEveryOpenedResourceAndThrowTheOriginalErrorWhenTheLastOneFails() throws IOException
    {
        final EngineConfig config = config();
        Files.writeString(dir.resolve("alerts.json"), DAMAGED_STATE);
        final ManualClock clock = new ManualClock(RuleTester.START_MS);

        final IllegalArgumentException failure =
            assertThrows(IllegalArgumentException.class, () -> AnalyticsEngine.start(config, clock));

        assertEquals("No enum constant dev.bridge.analytics.alert.AlertState.BOGUS", failure.getMessage());
        assertEquals(0, failure.getSuppressed().length, "every close succeeded");
        Await.until("no engine thread left running", () -> engineThreads().isEmpty());
        assertEquals(DAMAGED_STATE, Files.readString(dir.resolve("alerts.json")), "the damaged state is left as it was");

        Files.delete(dir.resolve("alerts.json"));
        try (AnalyticsEngine engine = AnalyticsEngine.start(config, clock)) // the store was released
        {
            assertEquals(0, engine.alerts().alerts().size());
        }
        Await.until("no engine thread left running after close", () -> engineThreads().isEmpty());
    }

    private EngineConfig config() throws IOException
    {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/write", exchange ->
        {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        statsd = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        final ExportSettings export = new ExportSettings("", List.of(), Map.of(),
            new StatsdPushSettings(true, "127.0.0.1", statsd.getLocalPort(), Duration.ofSeconds(10), StatsdFlavour.ETSY,
                1432))
            .withRemoteWrite(RemoteWriteSettings.DEFAULT.enabledAt(
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/write")));
        return EngineConfig.defaults()
            .withEngine(b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000))
            .withExport(export)
            .withAlerts(RuleTester.parse(ALERTS));
    }

    private static List<String> engineThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(name -> ENGINE_THREADS.stream().anyMatch(name::startsWith))
            .toList();
    }
}

package dev.bridge.analytics.alert;

import dev.bridge.analytics.testing.Await;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhook receiver against a real HTTP server on 127.0.0.1: Alertmanager's JSON, retries with backoff after
 * failures, give-ups and the bounded queue, all counted.
 */
@Timeout(60)
class WebhookTest
{
    private static final String RULE = """
        alerts:
          evaluation_interval: 10s
          external_url: http://analytics.example:9464
          rules:
            - name: many_sessions
              expr: { metric: active_sessions, aggregation: last, window: 10m }
              comparator: ">"
              threshold: 10
              severity: warning
              labels: { team: bridge }
              annotations: { summary: "{{ $value }} sessions" }
          route:
            group_wait: 0
            group_interval: 1m
            receivers:
        """;

    @TempDir
    Path dir;

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();
    private volatile CountDownLatch received = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);
    private HttpServer server;

    private String start(final int... responses) throws IOException
    {
        for (final int status : responses)
        {
            statuses.add(status);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange ->
        {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " +
                exchange.getRequestHeaders().getFirst("Content-Type"));
            received.countDown();
            try
            {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            final Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stopServer()
    {
        release.countDown();
        if (server != null)
        {
            server.stop(0);
        }
    }

    @Test
    void shouldRetryWithBackoffUntilTheReceiverRecoversAndSendAlertmanagersJson() throws IOException
    {
        final String url = start(503, 503);
        try (RuleTester t = RuleTester.start(dir, RULE +
            "      - { name: ops, type: webhook, url: \"" + url + "\", timeout: 2s, retries: 3, retry_backoff: 10ms }\n"))
        {
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ZERO);
            Await.until("one webhook sent", () -> t.manager().counts().webhookSent() == 1);

            assertEquals(3, bodies.size(), "two 503s, then 200");
            assertEquals(List.of("POST /hook application/json", "POST /hook application/json",
                "POST /hook application/json"), requests);
            assertEquals("{\"receiver\":\"ops\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\"," +
                "\"labels\":{\"alertname\":\"many_sessions\",\"severity\":\"warning\",\"team\":\"bridge\"}," +
                "\"annotations\":{\"summary\":\"20 sessions\"},\"startsAt\":\"2027-01-15T08:00:00Z\"," +
                "\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"\",\"fingerprint\":\"c869a168682f5c46\"}]," +
                "\"groupLabels\":{\"alertname\":\"many_sessions\"}," +
                "\"commonLabels\":{\"alertname\":\"many_sessions\",\"severity\":\"warning\",\"team\":\"bridge\"}," +
                "\"commonAnnotations\":{\"summary\":\"20 sessions\"},\"externalURL\":\"http://analytics.example:9464\"," +
                "\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"many_sessions\\\"}\",\"truncatedAlerts\":0}",
                bodies.get(0));
            assertEquals(bodies.get(0), bodies.get(2), "each retry sends the same message");
            assertEquals(new AlertCounts(1, 0, 1, 0, 1, 2, 0, 0, 0), t.manager().counts());

            t.advanceTo(Duration.ofSeconds(10));
            t.set("active_sessions", 5); // resolved at 20 s, notified at the group's next flush (60 s)
            t.advanceTo(Duration.ofSeconds(60));
            Await.until("two webhooks sent", () -> t.manager().counts().webhookSent() == 2);
            assertEquals(4, bodies.size());
            assertTrue(bodies.get(3).startsWith("{\"receiver\":\"ops\",\"status\":\"resolved\",\"alerts\":[{" +
                "\"status\":\"resolved\","), bodies.get(3));
            assertTrue(bodies.get(3).contains("\"startsAt\":\"2027-01-15T08:00:00Z\",\"endsAt\":\"2027-01-15T08:00:20Z\""),
                bodies.get(3));
        }
    }

    @Test
    void shouldGiveUpAtOnceOnA4xxAndAfterTheRetriesOnConnectionErrors() throws IOException
    {
        final String url = start(400);
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            closedPort = socket.getLocalPort();
        }
        try (RuleTester t = RuleTester.start(dir, RULE +
            "      - { name: bad_request, type: webhook, url: \"" + url + "\", retries: 3, retry_backoff: 10ms }\n" +
            "      - { name: down, type: webhook, url: \"http://127.0.0.1:" + closedPort + "/hook\", timeout: 2s, " +
            "retries: 2, retry_backoff: 10ms }\n"))
        {
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ZERO);
            Await.until("two webhooks failed", () -> t.manager().counts().webhookFailed() == 2);
            assertEquals(1, bodies.size(), "a 400 is not retried");
            final AlertCounts counts = t.manager().counts();
            assertEquals(2, counts.webhookRetries(), "the unreachable receiver: 1 attempt + 2 retries");
            assertEquals(0, counts.webhookSent());
            assertEquals(2, counts.notifications());
        }
    }

    @Test
    void shouldDropAndCountWhatDoesNotFitTheQueue() throws IOException
    {
        received = new CountDownLatch(1);
        release = new CountDownLatch(1);
        final String url = start();
        try (RuleTester t = RuleTester.start(dir, """
            alerts:
              evaluation_interval: 10s
              rules:
                - { name: errors, expr: { metric: operation_error, aggregation: sum, by: [operation], window: 10m },
                    comparator: ">", threshold: 0, severity: critical }
              route:
                group_by: ["..."]
                group_wait: 0
                receivers:
            """ + "      - { name: slow, type: webhook, url: \"" + url + "\", queue_capacity: 1 }\n"))
        {
            t.add("operation_error", 1, "operation", "read");
            t.advanceTo(Duration.ZERO);
            // the sender holds the first notification, the server waits
            Await.until("the first notification received", () -> received.getCount() == 0);
            t.add("operation_error", 1, "operation", "write");
            t.add("operation_error", 1, "operation", "delete");
            t.advanceTo(Duration.ofSeconds(10)); // two new groups: one queued, one dropped
            assertEquals(1, t.manager().counts().webhookDropped());
            release.countDown();
            Await.until("two webhooks sent", () -> t.manager().counts().webhookSent() == 2);
            assertEquals(2, bodies.size());
            assertEquals(3, t.manager().counts().notifications());
        }
    }
}

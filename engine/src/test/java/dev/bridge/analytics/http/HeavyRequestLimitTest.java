package dev.bridge.analytics.http;

import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.config.HttpSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Heavy requests beyond {@code max_concurrent_heavy_requests} wait in a bounded queue for at most
 * {@code idle_timeout}; beyond the queue or the wait they get a 503 with {@code Retry-After} and a JSON message,
 * while light paths are answered meanwhile.
 */
class HeavyRequestLimitTest
{
    private static final String BUSY = "{\"error\":\"the server is busy: 1 heavy requests (/metrics, /api/export, " +
        "/api/dashboard, /api/query, /api/v1/query, /api/v1/query_range) are being answered and the queue is full or the wait too long " +
        "(max_concurrent_heavy_requests, max_queued_heavy_requests): retry later\"}";

    private final GatedEndpoint export = new GatedEndpoint();
    private final HttpRefusals refusals = new HttpRefusals();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Await.DEADLINE).build();
    private AnalyticsHttpServer server;

    @AfterEach
    void stop()
    {
        export.release.countDown();
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void shouldRefuseAHeavyRequestBeyondTheBoundWith503AndAnswerLightOnes() throws Exception
    {
        start(1, 0, Duration.ofSeconds(30));
        final CompletableFuture<HttpResponse<String>> first = send("/api/export");
        Await.until("the first export is being answered", () -> export.entered.get() == 1);

        final HttpResponse<String> refused = send("/metrics").get(20, TimeUnit.SECONDS);
        final HttpResponse<String> light = send("/api/health").get(20, TimeUnit.SECONDS);

        assertEquals(503, refused.statusCode());
        assertEquals("application/json", refused.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(BUSY, refused.body());
        assertEquals(200, light.statusCode());
        export.release.countDown();
        assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
        assertEquals(1, refusals.busy());
    }

    @Test
    void shouldQueueHeavyRequestsUpToTheQueueAndRefuseTheNext() throws Exception
    {
        start(1, 1, Duration.ofSeconds(30));
        final CompletableFuture<HttpResponse<String>> first = send("/api/export");
        Await.until("the first export is being answered", () -> export.entered.get() == 1);
        final CompletableFuture<HttpResponse<String>> queued = send("/api/export");
        Await.until("the second export waits", () -> server.queuedHeavyRequests() == 1);

        final HttpResponse<String> refused = send("/api/export").get(20, TimeUnit.SECONDS);

        assertEquals(503, refused.statusCode());
        assertEquals(BUSY, refused.body());
        assertEquals(1, export.entered.get(), "the queued export has not started");
        export.release.countDown();
        assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
        assertEquals(200, queued.get(20, TimeUnit.SECONDS).statusCode());
        assertEquals(2, export.entered.get());
        assertEquals(1, refusals.busy());
    }

    @Test
    void shouldRefuseAQueuedHeavyRequestAfterWaitingTheIdleTimeoutButNotCutTheOneAnswered() throws Exception
    {
        start(1, 1, Duration.ofSeconds(1));
        final CompletableFuture<HttpResponse<String>> first = send("/api/export");
        Await.until("the first export is being answered", () -> export.entered.get() == 1);

        final HttpResponse<String> expired = send("/api/export").get(20, TimeUnit.SECONDS);

        assertEquals(503, expired.statusCode());
        assertEquals(BUSY, expired.body());
        assertEquals(1, refusals.busy());
        export.release.countDown();
        assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode(),
            "a request being answered longer than idle_timeout is not cut");
    }

    private void start(final int maxConcurrent, final int maxQueued, final Duration idleTimeout) throws Exception
    {
        final Map<String, Endpoint> routes = Map.of(
            "/api/export", export,
            "/metrics", new StaticFile(new byte[]{ 'm' }, "text/plain", "no-store", null),
            "/api/health", new StaticFile(new byte[]{ 'h' }, "text/plain", "no-store", null));
        server = AnalyticsHttpServer.start(routes, HttpSettings.DEFAULT.withPort(0)
            .withConnectionLimits(64, idleTimeout)
            .withHeavyRequestLimits(maxConcurrent, maxQueued), refusals);
        assertEquals(200, send("/api/health").get(20, TimeUnit.SECONDS).statusCode(), "warm-up");
    }

    private CompletableFuture<HttpResponse<String>> send(final String path)
    {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Await.DEADLINE).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An endpoint that answers only once released, counting the requests that entered it. Thread-safe. */
    private static final class GatedEndpoint implements Endpoint
    {
        final AtomicInteger entered = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public List<String> parameters()
        {
            return List.of();
        }

        @Override
        public Reply serve(final Request request)
        {
            entered.incrementAndGet();
            try
            {
                if (!release.await(20, TimeUnit.SECONDS))
                {
                    throw new IllegalStateException("never released");
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            return Reply.json("{}");
        }
    }
}

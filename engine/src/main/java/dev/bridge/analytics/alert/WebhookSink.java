package dev.bridge.analytics.alert;

import dev.bridge.analytics.config.WebhookSettings;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code webhook} receiver: {@link #send} renders Alertmanager's webhook JSON ({@link WebhookPayload}) and
 * offers it to a bounded queue (full: dropped and counted, never blocking the alert agent); a daemon sender thread
 * POSTs each one with {@link HttpClient} (HTTP/1.1, the configured timeout per attempt). A failed attempt (I/O error,
 * timeout, 5xx, 429) is retried up to {@code retries} times after {@code retry_backoff}, doubled each time (at most
 * {@value #MAX_BACKOFF_MS} ms); other statuses are not retried. Deliveries, retries, give-ups and drops are counted;
 * each distinct failure is logged once.
 * <p>
 * Thread-safe: {@link #send} may be called from any thread; the queue hands notifications to the sender thread.
 * {@link #close} lets the sender empty the queue for up to {@value #CLOSE_DRAIN_MS} ms (one attempt each, no more
 * retries); what is left is counted as dropped.
 */
final class WebhookSink implements NotificationSink
{
    static final long MAX_BACKOFF_MS = 60_000;
    static final long CLOSE_DRAIN_MS = 5_000;

    private final String name;
    private final WebhookSettings settings;
    private final HttpClient client;
    private final ArrayBlockingQueue<byte[]> queue;
    private final DistinctErrors errors;
    private final AlertCounters counters;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread sender;

    WebhookSink(
        final String name, final WebhookSettings settings, final DistinctErrors errors, final AlertCounters counters)
    {
        this.name = name;
        this.settings = settings;
        this.errors = errors;
        this.counters = counters;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .build();
        this.sender = new Thread(this::run, "analytics-alerts-webhook-" + name);
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public boolean sendResolved()
    {
        return settings.sendResolved();
    }

    @Override
    public void send(final AlertNotification notification)
    {
        final byte[] body = WebhookPayload.toJson(notification).getBytes(StandardCharsets.UTF_8);
        if (closing.getCount() == 0 || !queue.offer(body))
        {
            errors.onProblem(counters.webhookDropped::increment, "webhook " + name,
                "queue full (" + settings.queueCapacity() + " notifications) or closed: notification dropped");
        }
    }

    private void run()
    {
        try
        {
            while (true)
            {
                final byte[] body = queue.poll(100, TimeUnit.MILLISECONDS);
                if (body != null)
                {
                    deliver(body);
                }
                else if (closing.getCount() == 0)
                {
                    return;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(final byte[] body) throws InterruptedException
    {
        long backoffMs = settings.retryBackoff().toMillis();
        for (int attempt = 0; ; attempt++)
        {
            final String failure = attempt(body);
            if (failure == null)
            {
                counters.webhookSent.incrementAndGet();
                return;
            }
            final boolean retryable = !failure.startsWith("HTTP ") || failure.startsWith("HTTP 5") ||
                failure.startsWith("HTTP 429");
            if (!retryable || attempt >= settings.retries() || closing.getCount() == 0)
            {
                errors.onProblem(counters.webhookFailed::increment, "webhook " + name, "gave up on a notification to " +
                    settings.url() + " after " + (attempt + 1) + " attempt(s): " + failure);
                return;
            }
            counters.webhookRetries.incrementAndGet();
            if (closing.await(backoffMs, TimeUnit.MILLISECONDS))
            {
                errors.onProblem(counters.webhookFailed::increment, "webhook " + name, "gave up on a notification to " +
                    settings.url() + " at close after " + (attempt + 1) + " attempt(s): " + failure);
                return;
            }
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        }
    }

    /** @return null when delivered, else why not: {@code HTTP <status>} or the I/O error. */
    private String attempt(final byte[] body) throws InterruptedException
    {
        final HttpRequest request = HttpRequest.newBuilder(settings.url())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "bridge-analytics-alerts")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        try
        {
            final int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }

    @Override
    public void close()
    {
        closing.countDown();
        try
        {
            sender.join(CLOSE_DRAIN_MS);
            if (sender.isAlive())
            {
                sender.interrupt();
                sender.join(1_000);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        final int left = queue.size();
        queue.clear();
        for (int i = 0; i < left; i++)
        {
            counters.webhookDropped.increment();
        }
    }
}

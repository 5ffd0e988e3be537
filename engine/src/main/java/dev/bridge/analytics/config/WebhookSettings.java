package dev.bridge.analytics.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A webhook receiver's endpoint and delivery policy. Immutable, thread-safe.
 *
 * @param url           where notifications are POSTed (http or https).
 * @param timeout       per attempt, connect plus response (default 10 s).
 * @param retries       further attempts after a failed one (default 3); a failure is an I/O error, a timeout, a
 *                      5xx or a 429 (other statuses are not retried).
 * @param retryBackoff  wait before the first retry (default 1 s), doubled before each further one, at most 1 min.
 * @param queueCapacity notifications waiting for the sender thread (default 1000); more are dropped and counted.
 * @param sendResolved  whether notifications that only resolve alerts are sent (default true).
 */
public record WebhookSettings(
    URI url, Duration timeout, int retries, Duration retryBackoff, int queueCapacity, boolean sendResolved)
{
    public WebhookSettings
    {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryBackoff, "retry_backoff");
        if (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())) ||
            url.getHost() == null)
        {
            throw new InvalidSettingException("url must be an absolute http or https URL, was '" + url + "'", "url");
        }
        if (timeout.isZero() || timeout.isNegative())
        {
            throw new InvalidSettingException("timeout must be > 0, was " + Durations.format(timeout), "timeout");
        }
        if (retries < 0 || retries > 20)
        {
            throw new InvalidSettingException("retries must be in 0..20, was " + retries, "retries");
        }
        if (retryBackoff.isZero() || retryBackoff.isNegative())
        {
            throw new InvalidSettingException("retry_backoff must be > 0, was " + Durations.format(retryBackoff),
                "retry_backoff");
        }
        if (queueCapacity < 1)
        {
            throw new InvalidSettingException("queue_capacity must be >= 1, was " + queueCapacity, "queue_capacity");
        }
    }

    /** @return the defaults for {@code url}: 10 s timeout, 3 retries from 1 s, 1000 queued, resolved sent. */
    public static WebhookSettings of(final URI url)
    {
        return new WebhookSettings(url, Duration.ofSeconds(10), 3, Duration.ofSeconds(1), 1000, true);
    }
}

package dev.bridge.analytics.alert;

/**
 * The alert manager's own counters at one moment. Immutable, thread-safe.
 *
 * @param evaluations      rule evaluations run.
 * @param evaluationErrors rule evaluations that failed (a query threw); the rule's alerts were left as they were.
 * @param notifications    notifications handed to receivers (one per group flush and receiver).
 * @param sinkErrors       exceptions thrown by a receiver or listener (caught, logged once per distinct error).
 * @param webhookSent      webhook notifications delivered (2xx).
 * @param webhookRetries   webhook attempts repeated after a failure.
 * @param webhookFailed    webhook notifications given up after their retries (or refused with a 4xx).
 * @param webhookDropped   webhook notifications dropped because the sender's queue was full, or left at close.
 * @param persistErrors    failed writes of {@code alerts.json}.
 */
public record AlertCounts(
    long evaluations, long evaluationErrors, long notifications, long sinkErrors, long webhookSent,
    long webhookRetries, long webhookFailed, long webhookDropped, long persistErrors)
{
}

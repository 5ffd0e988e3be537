package dev.bridge.analytics.alert;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link AlertCounts}. Thread-safe: each is an atomic the agent or the sender updates. */
final class AlertCounters
{
    final AtomicLong evaluations = new AtomicLong();
    final AtomicLong evaluationErrors = new AtomicLong();
    final AtomicLong notifications = new AtomicLong();
    final AtomicLong sinkErrors = new AtomicLong();
    final AtomicLong webhookSent = new AtomicLong();
    final AtomicLong webhookRetries = new AtomicLong();
    final AtomicLong webhookFailed = new AtomicLong();
    final AtomicLong webhookDropped = new AtomicLong();
    final AtomicLong persistErrors = new AtomicLong();

    AlertCounts snapshot()
    {
        return new AlertCounts(evaluations.get(), evaluationErrors.get(), notifications.get(), sinkErrors.get(),
            webhookSent.get(), webhookRetries.get(), webhookFailed.get(), webhookDropped.get(), persistErrors.get());
    }
}

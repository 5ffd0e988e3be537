package dev.bridge.analytics.alert;

import dev.bridge.analytics.pipeline.EngineCounters;
import dev.bridge.analytics.pipeline.SelfMetric;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counters behind {@link AlertCounts}. The six exported as self-metrics ({@code engine_alert_*}) are the
 * engine registry's counters, updated here directly; the others are the alert manager's own. Thread-safe: the agent,
 * the webhook senders and the listeners' callers update them with atomic increments (several writers, exact).
 */
final class AlertCounters
{
    final AtomicCounter evaluations;
    final AtomicCounter evaluationErrors;
    final AtomicCounter notifications;
    final AtomicCounter sinkErrors;
    final AtomicCounter webhookFailed;
    final AtomicCounter webhookDropped;
    final AtomicLong webhookSent = new AtomicLong();
    final AtomicLong webhookRetries = new AtomicLong();
    final AtomicLong persistErrors = new AtomicLong();

    AlertCounters(final EngineCounters registry)
    {
        evaluations = registry.counter(SelfMetric.ALERT_EVALUATIONS);
        evaluationErrors = registry.counter(SelfMetric.ALERT_EVALUATION_ERRORS);
        notifications = registry.counter(SelfMetric.ALERT_NOTIFICATIONS);
        sinkErrors = registry.counter(SelfMetric.ALERT_SINK_ERRORS);
        webhookFailed = registry.counter(SelfMetric.ALERT_WEBHOOK_FAILED);
        webhookDropped = registry.counter(SelfMetric.ALERT_WEBHOOK_DROPPED);
    }

    AlertCounts snapshot()
    {
        return new AlertCounts(evaluations.get(), evaluationErrors.get(), notifications.get(), sinkErrors.get(),
            webhookSent.get(), webhookRetries.get(), webhookFailed.get(), webhookDropped.get(), persistErrors.get());
    }
}

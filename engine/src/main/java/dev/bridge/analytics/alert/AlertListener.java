package dev.bridge.analytics.alert;

/**
 * Receives the notifications of the {@code listener} receiver. Called on the alert agent's thread (never a pipeline
 * thread), one notification at a time: return quickly and do not block, or the next evaluation waits. An exception
 * is caught, counted in {@link AlertCounts#sinkErrors()} and logged once per distinct error; the other listeners
 * still receive the notification.
 */
@FunctionalInterface
public interface AlertListener
{
    /** @param notification a group's firing and resolved alerts. */
    void onNotification(AlertNotification notification);
}

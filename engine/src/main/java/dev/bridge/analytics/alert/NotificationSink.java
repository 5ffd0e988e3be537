package dev.bridge.analytics.alert;

/**
 * A receiver of the route: log, listener or webhook. {@link #send} is called on the alert agent's thread and must
 * not block (the webhook sink only queues). Implementations are thread-safe.
 */
interface NotificationSink extends AutoCloseable
{
    /** @return the receiver's name. */
    String name();

    /** @return whether notifications that only resolve alerts go to this receiver. */
    default boolean sendResolved()
    {
        return true;
    }

    /** Delivers or queues one notification; may throw (the dispatcher catches, counts and logs it). */
    void send(AlertNotification notification);

    /** Stops delivering; queued work is given a short time to finish. */
    @Override
    default void close()
    {
    }
}

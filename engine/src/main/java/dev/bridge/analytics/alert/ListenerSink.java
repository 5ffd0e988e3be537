package dev.bridge.analytics.alert;

import java.util.List;

/**
 * The {@code listener} receiver: calls every registered {@link AlertListener} in registration order. A listener
 * that throws is caught, counted and logged once; the others are still called. Thread-safe (the list is
 * copy-on-write).
 */
final class ListenerSink implements NotificationSink
{
    private final String name;
    private final List<AlertListener> listeners;
    private final DistinctErrors errors;
    private final AlertCounters counters;

    ListenerSink(
        final String name, final List<AlertListener> listeners, final DistinctErrors errors, final AlertCounters counters)
    {
        this.name = name;
        this.listeners = listeners;
        this.errors = errors;
        this.counters = counters;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void send(final AlertNotification notification)
    {
        for (final AlertListener listener : listeners)
        {
            try
            {
                listener.onNotification(notification);
            }
            catch (final Throwable t)
            {
                errors.onError(counters.sinkErrors::increment, "listener " + listener.getClass().getName(), t);
            }
        }
    }
}

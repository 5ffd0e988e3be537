package dev.bridge.analytics.config;

/** Where alert notifications go. YAML: {@code log}, {@code webhook} or {@code listener}. */
public enum ReceiverType
{
    /** One SLF4J line per notification (logger {@code dev.bridge.analytics.alert.LogSink}). */
    LOG,
    /** An HTTP POST of Alertmanager's webhook JSON, from a sender thread with a bounded queue and retries. */
    WEBHOOK,
    /** The Java listeners registered with {@code AlertManager.addListener}. */
    LISTENER
}

package dev.bridge.analytics.config;

import java.util.Objects;

/**
 * One receiver of the alert route ({@code alerts.route.receivers[i]}). Immutable, thread-safe.
 *
 * @param name    shown as {@code receiver} in notifications; defaults to the type's name.
 * @param type    log, webhook or listener.
 * @param webhook the endpoint; non-null exactly for {@link ReceiverType#WEBHOOK}.
 */
public record AlertReceiver(String name, ReceiverType type, WebhookSettings webhook)
{
    public AlertReceiver
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if ((type == ReceiverType.WEBHOOK) != (webhook != null))
        {
            throw new IllegalArgumentException("a webhook receiver needs a url, and only it takes one");
        }
    }

    /** @return the log receiver named {@code log}. */
    public static AlertReceiver log()
    {
        return new AlertReceiver("log", ReceiverType.LOG, null);
    }

    /** @return the listener receiver named {@code listener}. */
    public static AlertReceiver listener()
    {
        return new AlertReceiver("listener", ReceiverType.LISTENER, null);
    }

    /** @return a webhook receiver. */
    public static AlertReceiver webhook(final String name, final WebhookSettings settings)
    {
        return new AlertReceiver(name, ReceiverType.WEBHOOK, settings);
    }
}

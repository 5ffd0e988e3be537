package dev.bridge.analytics.alert;

import dev.bridge.analytics.config.AnnotationTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The {@code log} receiver: one SLF4J line per notification (WARN when something fires, INFO when all resolved),
 * with each alert's labels, state, start and value and its {@code summary} annotation. Thread-safe.
 */
final class LogSink implements NotificationSink
{
    private static final Logger LOG = LoggerFactory.getLogger(LogSink.class);

    private final String name;

    LogSink(final String name)
    {
        this.name = name;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void send(final AlertNotification n)
    {
        final boolean firing = n.status() == AlertState.FIRING;
        if (firing ? !LOG.isWarnEnabled() : !LOG.isInfoEnabled())
        {
            return;
        }
        final String text = format(n);
        if (firing)
        {
            LOG.warn(text);
        }
        else
        {
            LOG.info(text);
        }
    }

    /** @return the log line of a notification. */
    static String format(final AlertNotification n)
    {
        final StringBuilder sb = new StringBuilder(256);
        sb.append("alerts ").append(n.status().spelling()).append(" [").append(n.receiver()).append("] group ")
            .append(n.groupKey()).append(": ").append(n.alerts(AlertState.FIRING).size()).append(" firing, ")
            .append(n.alerts(AlertState.RESOLVED).size()).append(" resolved");
        for (final Alert a : n.alerts())
        {
            sb.append("; ").append(LabelSets.format(a.labels())).append(' ').append(a.state().spelling())
                .append(a.state() == AlertState.RESOLVED ?
                    " at " + Instant.ofEpochMilli(a.resolvedAtMs()) :
                    " since " + Instant.ofEpochMilli(a.firedAtMs() != null ? a.firedAtMs() : a.activeAtMs()))
                .append(" value ").append(AnnotationTemplate.formatValue(a.value()));
            final String summary = a.annotations().get("summary");
            if (summary != null)
            {
                sb.append(" \"").append(summary).append('"');
            }
        }
        return sb.toString();
    }
}

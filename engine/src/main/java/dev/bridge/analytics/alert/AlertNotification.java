package dev.bridge.analytics.alert;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One notification of a group to one receiver: the Java form of Alertmanager's webhook message. Immutable,
 * thread-safe.
 *
 * @param receiver          the receiver's name.
 * @param groupKey          identifies the group: {@code {}:{alertname="slow_reads"}} (route, then group labels).
 * @param status            firing when one of the alerts fires, else resolved.
 * @param groupLabels       the group's values of the route's {@code group_by} labels.
 * @param commonLabels      labels equal in every alert.
 * @param commonAnnotations annotations equal in every alert.
 * @param externalUrl       {@code alerts.external_url}.
 * @param alerts            firing and resolved alerts (not muted), ordered by labels.
 * @param timestampMs       when the group was flushed (the alert clock, epoch ms).
 */
public record AlertNotification(
    String receiver, String groupKey, AlertState status, Map<String, String> groupLabels,
    Map<String, String> commonLabels, Map<String, String> commonAnnotations, String externalUrl, List<Alert> alerts,
    long timestampMs)
{
    public AlertNotification
    {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(status, "status");
        groupLabels = Collections.unmodifiableMap(new TreeMap<>(groupLabels));
        commonLabels = Collections.unmodifiableMap(new TreeMap<>(commonLabels));
        commonAnnotations = Collections.unmodifiableMap(new TreeMap<>(commonAnnotations));
        Objects.requireNonNull(externalUrl, "externalUrl");
        alerts = List.copyOf(alerts);
    }

    /** @return the alerts in {@code state}. */
    public List<Alert> alerts(final AlertState state)
    {
        return alerts.stream().filter(a -> a.state() == state).toList();
    }
}

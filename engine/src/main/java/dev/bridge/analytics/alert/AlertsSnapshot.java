package dev.bridge.analytics.alert;

import java.util.List;

/**
 * The tracked alerts and the silences as of one moment: what {@code /api/alerts} and the {@code ALERTS} series
 * export. Immutable, thread-safe.
 *
 * @param timestampMs when it was taken (the alert clock, epoch ms).
 * @param alerts      pending, firing and not yet notified resolved alerts, by rule order then labels.
 * @param silences    pending, active and recently expired silences (expired ones are kept a day), by start.
 */
public record AlertsSnapshot(long timestampMs, List<Alert> alerts, List<Silence> silences)
{
    /** Nothing tracked. */
    public static final AlertsSnapshot EMPTY = new AlertsSnapshot(0, List.of(), List.of());

    public AlertsSnapshot
    {
        alerts = List.copyOf(alerts);
        silences = List.copyOf(silences);
    }

    /** @return the alerts in {@code state}. */
    public List<Alert> alerts(final AlertState state)
    {
        return alerts.stream().filter(a -> a.state() == state).toList();
    }
}

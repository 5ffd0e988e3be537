package dev.bridge.analytics.alert;

import java.util.Map;
import java.util.Set;

/**
 * An aggregation group (alerts with equal {@code group_by} labels): its flush timer and its notification-log entry
 * (what it last notified, and when). Confined to the alert manager's lock.
 */
final class NotificationGroup
{
    final String key;
    final Map<String, String> labels;
    /** Next flush: group_wait after creation, then every group_interval. */
    long nextFlushMs;
    /** When the group was last notified; {@link ActiveAlert#UNSET} when never. */
    long lastNotifiedMs = ActiveAlert.UNSET;
    /** Fingerprints of the firing alerts last notified (null when never notified). */
    Set<String> notifiedFiring;
    /** Fingerprints of the resolved alerts last notified (null when never notified). */
    Set<String> notifiedResolved;

    NotificationGroup(final String key, final Map<String, String> labels, final long nextFlushMs)
    {
        this.key = key;
        this.labels = labels;
        this.nextFlushMs = nextFlushMs;
    }

    /**
     * Alertmanager's {@code DedupStage.needsUpdate}: notify a group never notified when something fires; else when
     * a firing alert is new, when everything resolved after something fired, when a resolved alert is new, or when
     * {@code repeatMs} has passed since the last notification.
     */
    boolean needsUpdate(final Set<String> firing, final Set<String> resolved, final long nowMs, final long repeatMs)
    {
        if (notifiedFiring == null)
        {
            return !firing.isEmpty();
        }
        if (!notifiedFiring.containsAll(firing))
        {
            return true;
        }
        if (firing.isEmpty())
        {
            return !notifiedFiring.isEmpty();
        }
        if (!notifiedResolved.containsAll(resolved))
        {
            return true;
        }
        return nowMs - lastNotifiedMs >= repeatMs;
    }
}

package dev.bridge.analytics.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Converts between the manager's live state and {@link AlertStateFile.State}. Stateless, thread-safe.
 */
final class AlertStateCodec
{
    private AlertStateCodec()
    {
    }

    static AlertStateFile.State encode(
        final long evaluatedAtMs, final List<ActiveAlert> alerts, final Collection<NotificationGroup> groups,
        final List<Silence> silences)
    {
        final List<AlertStateFile.AlertEntry> alertEntries = new ArrayList<>(alerts.size());
        for (final ActiveAlert a : alerts)
        {
            alertEntries.add(new AlertStateFile.AlertEntry(a.rule, a.labels, a.annotations, a.state.spelling(),
                a.activeAtMs, time(a.firedAtMs), time(a.resolvedAtMs), time(a.keepFiringSinceMs), a.value));
        }
        final List<AlertStateFile.GroupEntry> groupEntries = new ArrayList<>(groups.size());
        for (final NotificationGroup g : groups)
        {
            groupEntries.add(new AlertStateFile.GroupEntry(g.key, g.labels, g.nextFlushMs, time(g.lastNotifiedMs),
                g.notifiedFiring == null ? null : sorted(g.notifiedFiring),
                g.notifiedResolved == null ? null : sorted(g.notifiedResolved)));
        }
        final List<AlertStateFile.SilenceEntry> silenceEntries = new ArrayList<>(silences.size());
        for (final Silence s : silences)
        {
            silenceEntries.add(new AlertStateFile.SilenceEntry(s.id(), s.matchers(), s.startsAtMs(), s.endsAtMs(),
                s.comment(), s.createdBy()));
        }
        return new AlertStateFile.State(AlertStateFile.VERSION, evaluatedAtMs, alertEntries, groupEntries,
            silenceEntries);
    }

    /**
     * @param downtimeMs time since the saved evaluation: added to the active-at of pending alerts and to the
     *                   keep-firing start of firing ones, so time spent down does not count.
     */
    static List<ActiveAlert> decodeAlerts(final AlertStateFile.State state, final long downtimeMs)
    {
        final List<ActiveAlert> alerts = new ArrayList<>();
        for (final AlertStateFile.AlertEntry e : list(state.alerts()))
        {
            final Map<String, String> labels = Collections.unmodifiableMap(new TreeMap<>(e.labels()));
            final AlertState alertState = AlertState.parse(e.state());
            final ActiveAlert a = new ActiveAlert(e.rule(), labels, LabelSets.fingerprint(labels), alertState,
                alertState == AlertState.PENDING ? e.activeAtMs() + downtimeMs : e.activeAtMs(), e.value(),
                e.annotations() == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(e.annotations())));
            a.firedAtMs = unset(e.firedAtMs());
            a.resolvedAtMs = unset(e.resolvedAtMs());
            a.keepFiringSinceMs = e.keepFiringSinceMs() == null ? ActiveAlert.UNSET : e.keepFiringSinceMs() + downtimeMs;
            alerts.add(a);
        }
        return alerts;
    }

    static List<NotificationGroup> decodeGroups(final AlertStateFile.State state)
    {
        final List<NotificationGroup> groups = new ArrayList<>();
        for (final AlertStateFile.GroupEntry e : list(state.groups()))
        {
            final NotificationGroup g = new NotificationGroup(e.key(),
                Collections.unmodifiableMap(new TreeMap<>(e.labels())), e.nextFlushMs());
            g.lastNotifiedMs = unset(e.lastNotifiedMs());
            g.notifiedFiring = e.notifiedFiring() == null ? null : new HashSet<>(e.notifiedFiring());
            g.notifiedResolved = e.notifiedResolved() == null ? null : new HashSet<>(e.notifiedResolved());
            groups.add(g);
        }
        return groups;
    }

    static List<Silence> decodeSilences(final AlertStateFile.State state)
    {
        final List<Silence> silences = new ArrayList<>();
        for (final AlertStateFile.SilenceEntry e : list(state.silences()))
        {
            silences.add(new Silence(e.id(), e.matchers(), e.startsAtMs(), e.endsAtMs(),
                e.comment() == null ? "" : e.comment(), e.createdBy() == null ? "" : e.createdBy()));
        }
        return silences;
    }

    private static <T> List<T> list(final List<T> list)
    {
        return list == null ? List.of() : list;
    }

    private static Long time(final long ms)
    {
        return ms == ActiveAlert.UNSET ? null : ms;
    }

    private static long unset(final Long ms)
    {
        return ms == null ? ActiveAlert.UNSET : ms;
    }

    private static List<String> sorted(final Set<String> set)
    {
        final List<String> list = new ArrayList<>(set);
        Collections.sort(list);
        return list;
    }
}

package dev.bridge.analytics.alert;

import dev.bridge.analytics.config.AlertRoute;
import dev.bridge.analytics.config.AlertSettings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Alertmanager's dispatch for one route: firing and resolved alerts join the aggregation group of their
 * {@code group_by} labels (created on the first one, first flush {@code group_wait} later, then every
 * {@code group_interval}); a flush drops silenced and inhibited alerts, asks the group's notification log whether
 * anything is worth sending ({@link NotificationGroup#needsUpdate}: new firing or resolved alerts, all resolved, or
 * {@code repeat_interval} passed) and, if so, hands one {@link AlertNotification} to every receiver. After a flush the
 * group's resolved alerts are forgotten (notified or not), and a group with nothing firing is removed.
 * <p>
 * A notification counts as sent once handed to the receivers: webhook delivery failures are retried by the webhook
 * sender, not by the next flush. Confined to the alert manager's lock.
 */
final class Dispatcher
{
    /** The route's part of a group key: the root route, as Alertmanager writes it. */
    private static final String ROUTE_KEY = "{}";

    private final AlertRoute route;
    private final long groupWaitMs;
    private final long groupIntervalMs;
    private final long repeatMs;
    private final String externalUrl;
    private final Inhibitor inhibitor;
    private final List<NotificationSink> sinks;
    private final DistinctErrors errors;
    private final AlertCounters counters;
    /** By key, in creation order. */
    final Map<String, NotificationGroup> groups = new LinkedHashMap<>();
    private boolean changed;

    Dispatcher(
        final AlertSettings settings, final List<NotificationSink> sinks, final DistinctErrors errors,
        final AlertCounters counters)
    {
        this.route = settings.route();
        this.groupWaitMs = route.groupWait().toMillis();
        this.groupIntervalMs = route.groupInterval().toMillis();
        this.repeatMs = route.repeatInterval().toMillis();
        this.externalUrl = settings.externalUrl();
        this.inhibitor = new Inhibitor(settings.inhibitRules());
        this.sinks = List.copyOf(sinks);
        this.errors = errors;
        this.counters = counters;
    }

    /**
     * Places new firing alerts in groups and flushes the groups that are due.
     *
     * @param alerts every tracked alert of every rule.
     * @param forget called for each resolved alert the flush of its group is done with.
     * @return the number of groups flushed.
     */
    int process(
        final long nowMs, final List<ActiveAlert> alerts, final Silences silences, final Consumer<ActiveAlert> forget)
    {
        final Map<String, List<ActiveAlert>> members = new LinkedHashMap<>();
        for (final ActiveAlert a : alerts)
        {
            if (a.state == AlertState.PENDING)
            {
                continue;
            }
            final Map<String, String> groupLabels = groupLabels(a.labels);
            final String key = groupKey(groupLabels);
            members.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
            if (!groups.containsKey(key))
            {
                groups.put(key, new NotificationGroup(key, groupLabels, nowMs + groupWaitMs));
                changed = true;
            }
        }
        int flushes = 0;
        for (final Iterator<NotificationGroup> it = groups.values().iterator(); it.hasNext(); )
        {
            final NotificationGroup group = it.next();
            if (group.nextFlushMs - nowMs > 0)
            {
                continue;
            }
            final List<ActiveAlert> groupAlerts = members.getOrDefault(group.key, List.of());
            flush(group, groupAlerts, alerts, silences, nowMs);
            flushes++;
            changed = true;
            boolean firing = false;
            for (final ActiveAlert a : groupAlerts)
            {
                if (a.state == AlertState.RESOLVED)
                {
                    forget.accept(a);
                }
                else
                {
                    firing = true;
                }
            }
            group.nextFlushMs = nowMs + groupIntervalMs;
            if (!firing)
            {
                it.remove();
            }
        }
        return flushes;
    }

    private void flush(
        final NotificationGroup group, final List<ActiveAlert> groupAlerts, final Collection<ActiveAlert> all,
        final Silences silences, final long nowMs)
    {
        final List<ActiveAlert> unmuted = new ArrayList<>();
        final Set<String> firing = new HashSet<>();
        final Set<String> resolved = new HashSet<>();
        for (final ActiveAlert a : groupAlerts)
        {
            if (silences.silencing(a.labels, nowMs).isEmpty() && !inhibitor.inhibited(a, all))
            {
                unmuted.add(a);
                (a.state == AlertState.FIRING ? firing : resolved).add(a.fingerprint);
            }
        }
        if (unmuted.isEmpty() || !group.needsUpdate(firing, resolved, nowMs, repeatMs))
        {
            return;
        }
        unmuted.sort(Comparator.comparing(a -> LabelSets.format(a.labels)));
        notify(group, unmuted, nowMs);
        group.lastNotifiedMs = nowMs;
        group.notifiedFiring = firing;
        group.notifiedResolved = resolved;
    }

    private void notify(final NotificationGroup group, final List<ActiveAlert> alerts, final long nowMs)
    {
        for (final NotificationSink sink : sinks)
        {
            final List<Alert> list = new ArrayList<>(alerts.size());
            boolean firing = false;
            for (final ActiveAlert a : alerts)
            {
                if (a.state == AlertState.FIRING || sink.sendResolved())
                {
                    list.add(a.toAlert(List.of(), false));
                    firing |= a.state == AlertState.FIRING;
                }
            }
            if (list.isEmpty())
            {
                continue;
            }
            final AlertNotification notification = new AlertNotification(sink.name(), group.key,
                firing ? AlertState.FIRING : AlertState.RESOLVED, group.labels,
                LabelSets.common(list.stream().map(Alert::labels).toList()),
                LabelSets.common(list.stream().map(Alert::annotations).toList()), externalUrl, list, nowMs);
            try
            {
                sink.send(notification);
                counters.notifications.increment();
            }
            catch (final Throwable t)
            {
                errors.onError(counters.sinkErrors::increment, "receiver " + sink.name(), t);
            }
        }
    }

    /** @return the labels of {@code labels} that the route groups by. */
    Map<String, String> groupLabels(final Map<String, String> labels)
    {
        if (route.groupByAll())
        {
            return labels;
        }
        final Map<String, String> group = new TreeMap<>();
        for (final String name : route.groupBy())
        {
            final String value = labels.get(name);
            if (value != null)
            {
                group.put(name, value);
            }
        }
        return group;
    }

    /** @return Alertmanager's group key: {@code {}:{alertname="x"}}. */
    static String groupKey(final Map<String, String> groupLabels)
    {
        return ROUTE_KEY + ":" + LabelSets.format(groupLabels);
    }

    /** @return true when {@code a} is inhibited by one of {@code all}. */
    boolean inhibited(final ActiveAlert a, final Collection<ActiveAlert> all)
    {
        return inhibitor.inhibited(a, all);
    }

    /** @return the earliest flush time of a group; {@link Long#MAX_VALUE} without groups. */
    long nextFlushMs()
    {
        long next = Long.MAX_VALUE;
        for (final NotificationGroup g : groups.values())
        {
            next = Math.min(next, g.nextFlushMs);
        }
        return next;
    }

    /** @return true (once) when groups were created, flushed or removed since the last call. */
    boolean takeChanged()
    {
        final boolean was = changed;
        changed = false;
        return was;
    }

    List<NotificationSink> sinks()
    {
        return sinks;
    }
}

package dev.bridge.analytics.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How notifications are grouped, timed and delivered ({@code alerts.route}), as an Alertmanager route without
 * sub-routes: alerts with equal values of {@code groupBy} form a group; a new group is notified after
 * {@code groupWait}, then at most every {@code groupInterval} when it changed, and again every
 * {@code repeatInterval} while it fires unchanged. Every notification goes to every receiver. Immutable,
 * thread-safe.
 *
 * @param groupBy        label names; {@code ...} alone groups by every label (each alert its own group); empty
 *                       puts every alert in one group.
 * @param groupWait      delay of a new group's first notification (default 30 s), to gather alerts that fire together.
 * @param groupInterval  least time between notifications of a group that changed (default 5 min).
 * @param repeatInterval least time before an unchanged firing group is notified again (default 4 h).
 * @param receivers      where notifications go (default: log and listener).
 */
public record AlertRoute(
    List<String> groupBy, Duration groupWait, Duration groupInterval, Duration repeatInterval,
    List<AlertReceiver> receivers)
{
    /** {@code group_by} value that groups by every label. */
    public static final String ALL_LABELS = "...";

    /** The defaults: by alertname, 30 s, 5 min, 4 h, log and listener. */
    public static final AlertRoute DEFAULT = new AlertRoute(List.of(AlertRule.ALERTNAME), Duration.ofSeconds(30),
        Duration.ofMinutes(5), Duration.ofHours(4), List.of(AlertReceiver.log(), AlertReceiver.listener()));

    public AlertRoute
    {
        groupBy = List.copyOf(groupBy);
        Objects.requireNonNull(groupWait, "group_wait");
        Objects.requireNonNull(groupInterval, "group_interval");
        Objects.requireNonNull(repeatInterval, "repeat_interval");
        receivers = List.copyOf(receivers);
        if (groupWait.isNegative())
        {
            throw new IllegalArgumentException("group_wait must be >= 0, was " + Durations.format(groupWait));
        }
        if (groupInterval.isZero() || groupInterval.isNegative())
        {
            throw new IllegalArgumentException("group_interval must be > 0, was " + Durations.format(groupInterval));
        }
        if (repeatInterval.isZero() || repeatInterval.isNegative())
        {
            throw new IllegalArgumentException("repeat_interval must be > 0, was " + Durations.format(repeatInterval));
        }
        final Set<String> names = new HashSet<>();
        for (final AlertReceiver r : receivers)
        {
            if (!names.add(r.name()))
            {
                throw new IllegalArgumentException("duplicate receiver name '" + r.name() + "'");
            }
        }
    }

    /** @return true when {@code group_by} is {@code [...]}: every alert its own group. */
    public boolean groupByAll()
    {
        return groupBy.equals(List.of(ALL_LABELS));
    }
}

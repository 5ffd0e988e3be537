package dev.bridge.analytics.alert;

import dev.bridge.analytics.config.AlertRule;
import dev.bridge.analytics.config.AnnotationTemplate;

import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The alerts of one rule and their state machine, with the semantics of Prometheus' {@code AlertingRule.Eval}:
 * <ul>
 *   <li>a label set whose condition holds and that is not tracked (or only as resolved) becomes PENDING with
 *       active-at = now; a tracked one takes the new value and annotations;</li>
 *   <li>a PENDING alert fires at the first evaluation where {@code now - activeAt >= for} (so {@code for: 0} fires
 *       at the evaluation that created it);</li>
 *   <li>a PENDING alert whose condition no longer holds is dropped (inactive);</li>
 *   <li>a FIRING alert whose condition no longer holds keeps firing while
 *       {@code now - keepFiringSince < keep_firing_for}, keepFiringSince being the first evaluation where it did not
 *       hold; then it is RESOLVED with resolved-at = now. A condition that holds again clears keepFiringSince;</li>
 *   <li>a RESOLVED alert stays until the dispatcher has notified it (or decided not to) and calls
 *       {@link #forget}.</li>
 * </ul>
 * Confined to the alert manager's lock.
 */
final class RuleState
{
    final AlertRule rule;
    private final Map<String, String> baseLabels;
    private final long forMs;
    private final long keepFiringForMs;
    private final Map<String, AnnotationTemplate> templates = new LinkedHashMap<>();
    /** By fingerprint, in creation order. */
    final Map<String, ActiveAlert> alerts = new LinkedHashMap<>();

    RuleState(final AlertRule rule)
    {
        this.rule = rule;
        this.baseLabels = rule.baseLabels();
        this.forMs = rule.forDuration().toMillis();
        this.keepFiringForMs = rule.keepFiringFor().toMillis();
        rule.annotations().forEach((name, text) -> templates.put(name, AnnotationTemplate.parse(text)));
    }

    /** @return the labels of the alert for one result of the expression (its {@code by} labels). */
    Map<String, String> alertLabels(final Map<String, String> exprLabels)
    {
        final TreeMap<String, String> labels = new TreeMap<>(exprLabels);
        labels.putAll(baseLabels);
        return Collections.unmodifiableMap(labels);
    }

    /**
     * Applies one evaluation.
     *
     * @param nowMs  the evaluation time.
     * @param values the expression's values by {@code by} label set (no entry: no data).
     * @return true when an alert was created, removed or changed state.
     */
    boolean apply(final long nowMs, final Map<Map<String, String>, Double> values)
    {
        boolean changed = false;
        final Set<String> holding = new HashSet<>();
        for (final Map.Entry<Map<String, String>, Double> e : values.entrySet())
        {
            final Double value = e.getValue();
            if (value == null || !rule.comparator().test(value, rule.threshold()))
            {
                continue;
            }
            final Map<String, String> labels = alertLabels(e.getKey());
            final String fingerprint = LabelSets.fingerprint(labels);
            holding.add(fingerprint);
            final Map<String, String> annotations = render(value, labels);
            final ActiveAlert tracked = alerts.get(fingerprint);
            if (tracked != null && tracked.state != AlertState.RESOLVED)
            {
                tracked.value = value;
                tracked.annotations = annotations;
                continue;
            }
            alerts.remove(fingerprint); // a resolved one starts over, at the end of the order
            alerts.put(fingerprint, new ActiveAlert(rule.name(), labels, fingerprint, AlertState.PENDING, nowMs, value,
                annotations));
            changed = true;
        }
        for (final Iterator<ActiveAlert> it = alerts.values().iterator(); it.hasNext(); )
        {
            final ActiveAlert a = it.next();
            if (!holding.contains(a.fingerprint))
            {
                if (a.state == AlertState.PENDING)
                {
                    it.remove();
                    changed = true;
                    continue;
                }
                if (a.state == AlertState.FIRING)
                {
                    if (keepFiringForMs > 0 && a.keepFiringSinceMs == ActiveAlert.UNSET)
                    {
                        a.keepFiringSinceMs = nowMs;
                    }
                    if (keepFiringForMs > 0 && nowMs - a.keepFiringSinceMs < keepFiringForMs)
                    {
                        continue; // keeps firing
                    }
                    a.state = AlertState.RESOLVED;
                    a.resolvedAtMs = nowMs;
                    a.keepFiringSinceMs = ActiveAlert.UNSET;
                    changed = true;
                }
                continue;
            }
            a.keepFiringSinceMs = ActiveAlert.UNSET;
            if (a.state == AlertState.PENDING && nowMs - a.activeAtMs >= forMs)
            {
                a.state = AlertState.FIRING;
                a.firedAtMs = nowMs;
                changed = true;
            }
        }
        return changed;
    }

    /** Drops a resolved alert once the dispatcher is done with it. */
    void forget(final String fingerprint)
    {
        final ActiveAlert a = alerts.get(fingerprint);
        if (a != null && a.state == AlertState.RESOLVED)
        {
            alerts.remove(fingerprint);
        }
    }

    private Map<String, String> render(final double value, final Map<String, String> labels)
    {
        if (templates.isEmpty())
        {
            return Map.of();
        }
        final Map<String, String> rendered = new LinkedHashMap<>();
        templates.forEach((name, template) -> rendered.put(name, template.render(value, labels)));
        return Collections.unmodifiableMap(rendered);
    }
}

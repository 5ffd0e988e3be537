package dev.bridge.analytics.alert;

import dev.bridge.analytics.config.InhibitRule;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Applies the inhibit rules as Alertmanager does: a target alert is muted while a FIRING alert (muted or not)
 * matches a rule's source, the target matches its target, they have equal values (missing = empty) for every
 * {@code equal} label, and they are not the same alert. Stateless apart from the rules; thread-safe.
 */
final class Inhibitor
{
    private final List<InhibitRule> rules;

    Inhibitor(final List<InhibitRule> rules)
    {
        this.rules = List.copyOf(rules);
    }

    /** @return true when one of {@code alerts} that fires inhibits {@code target}. */
    boolean inhibited(final ActiveAlert target, final Collection<ActiveAlert> alerts)
    {
        for (final InhibitRule rule : rules)
        {
            if (!LabelSets.includes(target.labels, rule.targetMatch()))
            {
                continue;
            }
            for (final ActiveAlert source : alerts)
            {
                if (source.state == AlertState.FIRING && !source.fingerprint.equals(target.fingerprint) &&
                    LabelSets.includes(source.labels, rule.sourceMatch()) && equal(rule, source, target))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean equal(final InhibitRule rule, final ActiveAlert source, final ActiveAlert target)
    {
        for (final String label : rule.equal())
        {
            if (!Objects.equals(source.labels.getOrDefault(label, ""), target.labels.getOrDefault(label, "")))
            {
                return false;
            }
        }
        return true;
    }
}

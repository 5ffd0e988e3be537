package dev.bridge.analytics.alert;

import java.util.List;
import java.util.Map;

/**
 * The mutable state of one tracked alert (a rule and one label set). Confined to the alert manager's lock.
 */
final class ActiveAlert
{
    /** A time that is not set. */
    static final long UNSET = Long.MIN_VALUE;

    final String rule;
    final Map<String, String> labels;
    final String fingerprint;
    AlertState state;
    Map<String, String> annotations;
    long activeAtMs;
    long firedAtMs = UNSET;
    long resolvedAtMs = UNSET;
    /** First evaluation of a firing alert whose condition no longer held; UNSET while it holds. */
    long keepFiringSinceMs = UNSET;
    double value;

    ActiveAlert(
        final String rule, final Map<String, String> labels, final String fingerprint, final AlertState state,
        final long activeAtMs, final double value, final Map<String, String> annotations)
    {
        this.rule = rule;
        this.labels = labels;
        this.fingerprint = fingerprint;
        this.state = state;
        this.activeAtMs = activeAtMs;
        this.value = value;
        this.annotations = annotations;
    }

    Alert toAlert(final List<String> silencedBy, final boolean inhibited)
    {
        return new Alert(fingerprint, rule, labels, annotations, state, activeAtMs,
            firedAtMs == UNSET ? null : firedAtMs, resolvedAtMs == UNSET ? null : resolvedAtMs, value, silencedBy,
            inhibited);
    }
}

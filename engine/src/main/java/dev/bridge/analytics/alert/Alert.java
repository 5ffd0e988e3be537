package dev.bridge.analytics.alert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tracked alert (pending, firing, or resolved and not yet notified) as of one moment. Immutable, thread-safe.
 *
 * @param fingerprint   Alertmanager's fingerprint of {@code labels}: FNV-1a 64 of the sorted names and values, 16 hex digits.
 * @param rule          the rule's name (also the {@code alertname} label).
 * @param labels        alertname, severity, the rule's labels and the expression's {@code by} labels, sorted by name.
 * @param annotations   the rule's annotations rendered with the last value and the labels, in the rule's order.
 * @param state         pending, firing or resolved.
 * @param activeAtMs    when the condition started to hold (epoch ms; after a restart, shifted by the downtime while
 *                      pending, so the elapsed {@code for} time is kept).
 * @param firedAtMs     when it started firing; null while pending.
 * @param resolvedAtMs  when it resolved; null unless resolved.
 * @param value         the expression's value at the last evaluation where the condition held.
 * @param silencedBy    ids of the active silences matching it (empty when none).
 * @param inhibited     true when a firing alert of an inhibit rule mutes it.
 */
public record Alert(
    String fingerprint, String rule, Map<String, String> labels, Map<String, String> annotations, AlertState state,
    long activeAtMs, Long firedAtMs, Long resolvedAtMs, double value, List<String> silencedBy, boolean inhibited)
{
    public Alert
    {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(rule, "rule");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        Objects.requireNonNull(state, "state");
        silencedBy = List.copyOf(silencedBy);
    }

    /** @return true when a silence or an inhibition keeps it out of notifications. */
    public boolean muted()
    {
        return inhibited || !silencedBy.isEmpty();
    }

    /** @return the {@code severity} label ("" if absent). */
    public String severity()
    {
        return labels.getOrDefault("severity", "");
    }
}

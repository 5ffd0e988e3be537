package dev.bridge.analytics.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Alertmanager inhibition ({@code alerts.inhibit_rules[i]}): while an alert whose labels include
 * {@code sourceMatch} is firing, alerts whose labels include {@code targetMatch} and have the same values as it for
 * every label of {@code equal} are not notified (an alert does not inhibit itself). Immutable, thread-safe.
 *
 * @param sourceMatch labels (exact values) of the inhibiting alerts.
 * @param targetMatch labels (exact values) of the inhibited alerts.
 * @param equal       labels whose values must be equal in source and target (a missing label counts as empty).
 */
public record InhibitRule(Map<String, String> sourceMatch, Map<String, String> targetMatch, List<String> equal)
{
    public InhibitRule
    {
        sourceMatch = Collections.unmodifiableMap(new TreeMap<>(sourceMatch));
        targetMatch = Collections.unmodifiableMap(new TreeMap<>(targetMatch));
        equal = List.copyOf(equal);
        if (sourceMatch.isEmpty() || targetMatch.isEmpty())
        {
            throw new IllegalArgumentException("source_match and target_match must not be empty");
        }
    }
}

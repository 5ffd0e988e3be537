package dev.bridge.analytics.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alerting rule ({@code alerts.rules[i]}), with Prometheus' semantics: the alert of a label set is pending while
 * {@code value <comparator> threshold} holds for less than {@code forDuration}, firing after that, and resolved at
 * the first evaluation where the condition has been false for {@code keepFiringFor} or longer. Its labels are
 * {@code alertname} (the rule's name), {@code severity}, {@link #labels()} and the expression's {@code by} labels.
 * Immutable, thread-safe.
 *
 * @param name          the rule's name, the {@code alertname} label.
 * @param expr          what is evaluated.
 * @param comparator    how the value compares with the threshold.
 * @param threshold     the threshold, in the value's unit (a fraction for rates and ratios, the metric's unit else).
 * @param forDuration   how long the condition must hold before the alert fires; 0 fires at the first evaluation.
 * @param keepFiringFor how long a firing alert keeps firing after its condition stopped holding; 0 resolves at once.
 * @param severity      the {@code severity} label, e.g. critical, warning, info.
 * @param labels        more labels of the alert, sorted by name.
 * @param annotations   annotation name -> template (see {@link AnnotationTemplate}), in file order.
 */
public record AlertRule(
    String name, AlertExpr expr, AlertComparator comparator, double threshold, Duration forDuration,
    Duration keepFiringFor, String severity, Map<String, String> labels, Map<String, String> annotations)
{
    /** The label holding the rule's name. */
    public static final String ALERTNAME = "alertname";
    /** The label holding the severity. */
    public static final String SEVERITY = "severity";

    public AlertRule
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(comparator, "comparator");
        Objects.requireNonNull(forDuration, "for");
        Objects.requireNonNull(keepFiringFor, "keep_firing_for");
        Objects.requireNonNull(severity, "severity");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        if (!Double.isFinite(threshold))
        {
            throw new IllegalArgumentException("threshold must be a finite number, was " + threshold);
        }
        if (forDuration.isNegative() || keepFiringFor.isNegative())
        {
            throw new IllegalArgumentException("for and keep_firing_for must be >= 0");
        }
        if (labels.containsKey(ALERTNAME) || labels.containsKey(SEVERITY))
        {
            throw new IllegalArgumentException("labels may not set alertname or severity");
        }
    }

    /** @return the labels every alert of this rule has: alertname, severity and {@link #labels()}, sorted. */
    public Map<String, String> baseLabels()
    {
        final TreeMap<String, String> all = new TreeMap<>(labels);
        all.put(ALERTNAME, name);
        all.put(SEVERITY, severity);
        return Collections.unmodifiableMap(all);
    }
}

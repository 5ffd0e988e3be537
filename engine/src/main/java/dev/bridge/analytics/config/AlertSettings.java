package dev.bridge.analytics.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code alerts:} section: rules, the notification route, inhibitions and silences. Immutable, thread-safe.
 * An engine runs its alert agent only when there are rules.
 *
 * @param evaluationInterval how often the rules are evaluated (default 15 s).
 * @param rules              the alerting rules, names unique.
 * @param route              grouping, timers and receivers.
 * @param inhibitRules       inhibitions.
 * @param silences           silences declared in the file (more can be added through the API).
 * @param externalUrl        {@code externalURL} of webhook notifications (default empty).
 */
public record AlertSettings(
    Duration evaluationInterval, List<AlertRule> rules, AlertRoute route, List<InhibitRule> inhibitRules,
    List<SilenceSettings> silences, String externalUrl)
{
    /** No rules: the defaults of every other key. */
    public static final AlertSettings NONE =
        new AlertSettings(Duration.ofSeconds(15), List.of(), AlertRoute.DEFAULT, List.of(), List.of(), "");

    public AlertSettings
    {
        Objects.requireNonNull(evaluationInterval, "evaluation_interval");
        rules = List.copyOf(rules);
        Objects.requireNonNull(route, "route");
        inhibitRules = List.copyOf(inhibitRules);
        silences = List.copyOf(silences);
        Objects.requireNonNull(externalUrl, "external_url");
        if (evaluationInterval.isZero() || evaluationInterval.isNegative())
        {
            throw new IllegalArgumentException(
                "evaluation_interval must be > 0, was " + Durations.format(evaluationInterval));
        }
        final Set<String> names = new HashSet<>();
        for (final AlertRule r : rules)
        {
            if (!names.add(r.name()))
            {
                throw new IllegalArgumentException("duplicate rule name '" + r.name() + "'");
            }
        }
        if (!externalUrl.isEmpty())
        {
            try
            {
                if (!URI.create(externalUrl).isAbsolute())
                {
                    throw new IllegalArgumentException("external_url must be an absolute URL, was '" + externalUrl + "'");
                }
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("external_url must be an absolute URL, was '" + externalUrl + "'");
            }
        }
    }

    /** @return the rule named {@code name}, if any. */
    public Optional<AlertRule> rule(final String name)
    {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** @return a copy with other rules. */
    public AlertSettings withRules(final List<AlertRule> newRules)
    {
        return new AlertSettings(evaluationInterval, newRules, route, inhibitRules, silences, externalUrl);
    }

    /** @return a copy with another route. */
    public AlertSettings withRoute(final AlertRoute newRoute)
    {
        return new AlertSettings(evaluationInterval, rules, newRoute, inhibitRules, silences, externalUrl);
    }

    /** @return a copy with another evaluation interval. */
    public AlertSettings withEvaluationInterval(final Duration interval)
    {
        return new AlertSettings(interval, rules, route, inhibitRules, silences, externalUrl);
    }

    /**
     * The {@code alerts:} section of a configuration file (its rules are checked by {@link AlertConfigValidator}).
     *
     * @param metrics the catalog the rules name.
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static AlertSettings from(final ConfigDto.Alerts a, final Checks checks, final List<MetricDefinition> metrics)
        throws ConfigException
    {
        return new AlertConfigValidator(checks, metrics).alerts(a);
    }
}

package dev.bridge.analytics.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks the {@code alerts:} section of a bound {@link ConfigDto} against the catalog and builds the
 * {@link AlertSettings}; every problem becomes a {@link ConfigException} placed at the offending key or value
 * ({@code alerts.rules[0].expr.metric}). Part of {@link ConfigValidator}; one instance per load, confined to the
 * loading thread.
 */
final class AlertConfigValidator
{
    private static final Pattern RULE_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private final YamlPositions at;
    private final Map<String, MetricDefinition> catalog = new LinkedHashMap<>();

    AlertConfigValidator(final YamlPositions positions, final List<MetricDefinition> metrics)
    {
        this.at = positions;
        metrics.forEach(m -> catalog.put(m.name(), m));
    }

    AlertSettings alerts(final ConfigDto.Alerts a) throws ConfigException
    {
        final AlertSettings d = AlertSettings.NONE;
        ConfigRanges.check(at, "alerts.evaluation_interval", a.evaluationInterval);
        final Duration interval = a.evaluationInterval != null ? a.evaluationInterval : d.evaluationInterval();
        if (interval.isZero())
        {
            throw at.errorAtValue("alerts.evaluation_interval", "evaluation_interval must be > 0, was 0s");
        }
        final String externalUrl = a.externalUrl != null ? a.externalUrl.strip() : d.externalUrl();
        if (!externalUrl.isEmpty())
        {
            final URI uri = uri("alerts.external_url", externalUrl);
            if (!uri.isAbsolute())
            {
                throw at.errorAtValue("alerts.external_url",
                    "external_url must be an absolute URL, e.g. http://host:9464, was '" + externalUrl + "'");
            }
        }
        final List<AlertRule> rules = new ArrayList<>();
        final Map<String, Integer> names = new HashMap<>();
        for (int i = 0; a.rules != null && i < a.rules.size(); i++)
        {
            rules.add(rule("alerts.rules[" + i + "]", a.rules.get(i), names, i));
        }
        final AlertRoute route = route(a.route == null ? new ConfigDto.Route() : a.route);
        final List<InhibitRule> inhibitRules = new ArrayList<>();
        for (int i = 0; a.inhibitRules != null && i < a.inhibitRules.size(); i++)
        {
            inhibitRules.add(inhibit("alerts.inhibit_rules[" + i + "]", a.inhibitRules.get(i)));
        }
        final List<SilenceSettings> silences = new ArrayList<>();
        for (int i = 0; a.silences != null && i < a.silences.size(); i++)
        {
            silences.add(silence("alerts.silences[" + i + "]", a.silences.get(i)));
        }
        return new AlertSettings(interval, rules, route, inhibitRules, silences, externalUrl);
    }

    private AlertRule rule(final String path, final ConfigDto.Rule r, final Map<String, Integer> names, final int index)
        throws ConfigException
    {
        if (r.name == null)
        {
            throw missing(path, "name", "the alert's name, e.g. high_error_rate");
        }
        ConfigRanges.check(at, path + ".for", r.forDuration);
        ConfigRanges.check(at, path + ".keep_firing_for", r.keepFiringFor);
        if (!RULE_NAME.matcher(r.name).matches())
        {
            throw at.errorAtValue(path + ".name", "bad rule name '" + r.name + "': names must match [a-zA-Z_][a-zA-Z0-9_]*");
        }
        final Integer first = names.putIfAbsent(r.name, index);
        if (first != null)
        {
            throw at.errorAtValue(path + ".name", "duplicate rule name '" + r.name + "' (also rules[" + first +
                "], line " + at.value("alerts.rules[" + first + "].name").line() + ")");
        }
        if (r.expr == null)
        {
            throw missing(path, "expr", "a mapping with metric and aggregation, or with field");
        }
        final AlertExpr expr = expr(path + ".expr", r.expr);
        final AlertComparator comparator = comparator(path, r.comparator);
        if (r.threshold == null)
        {
            throw missing(path, "threshold", "the number the value is compared with");
        }
        if (!Double.isFinite(r.threshold))
        {
            throw at.errorAtValue(path + ".threshold", "threshold must be a finite number, was " + r.threshold);
        }
        if (r.severity == null)
        {
            throw missing(path, "severity", "e.g. critical, warning, info");
        }
        if (r.severity.isBlank())
        {
            throw at.errorAtValue(path + ".severity", "severity must not be empty");
        }
        final Map<String, String> labels = r.labels == null ? Map.of() : r.labels;
        for (final String label : labels.keySet())
        {
            final String field = path + ".labels." + label;
            checkLabelName(field, label);
            if (AlertRule.ALERTNAME.equals(label) || AlertRule.SEVERITY.equals(label))
            {
                throw at.errorAtKey(field, "label '" + label + "' is set by the rule's " +
                    (AlertRule.SEVERITY.equals(label) ? "severity" : "name"));
            }
            if (expr.by().contains(label))
            {
                throw at.errorAtKey(field, "label '" + label + "' comes from expr.by");
            }
        }
        final Set<String> alertLabels = new TreeSet<>(labels.keySet());
        alertLabels.add(AlertRule.ALERTNAME);
        alertLabels.add(AlertRule.SEVERITY);
        alertLabels.addAll(expr.by());
        final Map<String, String> annotations = r.annotations == null ? Map.of() : r.annotations;
        for (final Map.Entry<String, String> e : annotations.entrySet())
        {
            final String field = path + ".annotations." + e.getKey();
            checkLabelName(field, e.getKey());
            final AnnotationTemplate template;
            try
            {
                template = AnnotationTemplate.parse(e.getValue());
            }
            catch (final IllegalArgumentException ex)
            {
                throw at.errorAtValue(field, ex.getMessage());
            }
            for (final String label : template.labelNames())
            {
                if (!alertLabels.contains(label))
                {
                    throw at.errorAtValue(field, "{{ $labels." + label + " }}: the alerts of this rule have no label '" +
                        label + "' (they have " + String.join(", ", alertLabels) + ")");
                }
            }
        }
        return new AlertRule(r.name, expr, comparator, r.threshold,
            r.forDuration != null ? r.forDuration : Duration.ZERO,
            r.keepFiringFor != null ? r.keepFiringFor : Duration.ZERO,
            r.severity, labels, annotations);
    }

    private AlertComparator comparator(final String path, final String text) throws ConfigException
    {
        final String field = path + ".comparator";
        if ((text == null && at.has(field)) || (text != null && text.isBlank()))
        {
            throw at.errorAtValue(field, "expected one of " + AlertComparator.symbols() + ", got an empty value " +
                "(write the comparator in quotes, e.g. comparator: \">\": a bare > starts a YAML block scalar)");
        }
        if (text == null)
        {
            throw missing(path, "comparator", "one of " + AlertComparator.symbols() + ", in quotes");
        }
        final AlertComparator comparator = AlertComparator.bySymbol(text.strip());
        if (comparator == null)
        {
            throw at.errorAtValue(field, "unknown comparator '" + text + "'; allowed: " + AlertComparator.symbols());
        }
        return comparator;
    }

    private AlertExpr expr(final String path, final ConfigDto.Expr e) throws ConfigException
    {
        ConfigRanges.check(at, path + ".window", e.window);
        final Duration window = e.window != null ? e.window : DEFAULT_WINDOW;
        if (window.isZero())
        {
            throw at.errorAtValue(path + ".window", "window must be > 0, was 0s");
        }
        if (e.metric != null && e.field != null)
        {
            throw at.errorAtKey(path + ".field", "give either metric or field, not both");
        }
        if (e.field != null)
        {
            for (final String key : List.of("labels", "aggregation", "by", "denominator"))
            {
                if (at.has(path + "." + key))
                {
                    throw at.errorAtKey(path + "." + key, "'" + key + "' applies to metric expressions, not to a " +
                        "dashboard field");
                }
            }
            if (!AlertExpr.DASHBOARD_FIELDS.contains(e.field))
            {
                throw at.errorAtValue(path + ".field", "unknown dashboard field '" + e.field + "'" +
                    suggestion(e.field, AlertExpr.DASHBOARD_FIELDS) + "; fields: " +
                    String.join(", ", AlertExpr.DASHBOARD_FIELDS));
            }
            return AlertExpr.ofField(e.field, window);
        }
        if (e.metric == null)
        {
            throw at.error(path + ".metric", at.key(path), "missing required key 'metric' or 'field' (a catalog " +
                "metric with an aggregation, or a dashboard field such as health.error_rate)");
        }
        final MetricDefinition metric = metric(path + ".metric", e.metric);
        final MetricSelector selector = new MetricSelector(e.metric, labels(path + ".labels", metric, e.labels));
        if (e.aggregation == null)
        {
            throw missing(path, "aggregation", AlertAggregation.SPELLINGS);
        }
        final AlertAggregation aggregation;
        try
        {
            aggregation = AlertAggregation.parse(e.aggregation.strip());
        }
        catch (final IllegalArgumentException ex)
        {
            throw at.errorAtValue(path + ".aggregation", ex.getMessage());
        }
        if (aggregation.kind() == AlertAggregation.Kind.PERCENTILE && metric.type() != MetricType.HISTOGRAM)
        {
            throw at.errorAtValue(path + ".aggregation", "percentile " + aggregation + " needs a histogram metric; '" +
                metric.name() + "' is a " + ConfigDeserializers.spelling(metric.type()));
        }
        final List<String> by = e.by == null ? List.of() : e.by;
        final Set<String> seen = new TreeSet<>();
        for (int i = 0; i < by.size(); i++)
        {
            final String field = path + ".by[" + i + "]";
            if (!metric.labels().contains(by.get(i)))
            {
                throw at.errorAtValue(field, noLabel(metric, by.get(i)));
            }
            if (!seen.add(by.get(i)))
            {
                throw at.errorAtValue(field, "duplicate label '" + by.get(i) + "'");
            }
        }
        MetricSelector denominator = null;
        if (aggregation.kind() == AlertAggregation.Kind.RATIO)
        {
            if (e.denominator == null)
            {
                throw missing(path, "denominator", "aggregation ratio divides by another metric: " +
                    "denominator: { metric: NAME, labels: {...} }");
            }
            if (e.denominator.metric == null)
            {
                throw missing(path + ".denominator", "metric", "the metric whose total divides");
            }
            final MetricDefinition other = metric(path + ".denominator.metric", e.denominator.metric);
            denominator = new MetricSelector(other.name(),
                labels(path + ".denominator.labels", other, e.denominator.labels));
        }
        else if (e.denominator != null)
        {
            throw at.errorAtKey(path + ".denominator", "a denominator goes with aggregation: ratio, not " + aggregation);
        }
        return AlertExpr.ofMetric(selector, aggregation, window, by, denominator);
    }

    private MetricDefinition metric(final String field, final String name) throws ConfigException
    {
        final MetricDefinition m = catalog.get(name);
        if (m == null)
        {
            throw at.errorAtValue(field, "unknown metric '" + name + "'" + suggestion(name, catalog.keySet()) +
                "; the catalog has " + String.join(", ", catalog.keySet()));
        }
        return m;
    }

    private Map<String, String> labels(final String path, final MetricDefinition metric, final Map<String, String> labels)
        throws ConfigException
    {
        if (labels == null)
        {
            return Map.of();
        }
        for (final String label : labels.keySet())
        {
            if (!metric.labels().contains(label))
            {
                throw at.errorAtKey(path + "." + label, noLabel(metric, label));
            }
        }
        return labels;
    }

    private static String noLabel(final MetricDefinition metric, final String label)
    {
        return "metric '" + metric.name() + "' has no label '" + label + "' (" +
            (metric.labels().isEmpty() ? "it has no labels" : "its labels: " + String.join(", ", metric.labels())) + ")";
    }

    private AlertRoute route(final ConfigDto.Route r) throws ConfigException
    {
        final AlertRoute d = AlertRoute.DEFAULT;
        ConfigRanges.check(at, "alerts.route.group_wait", r.groupWait);
        ConfigRanges.check(at, "alerts.route.group_interval", r.groupInterval);
        ConfigRanges.check(at, "alerts.route.repeat_interval", r.repeatInterval);
        final List<String> groupBy = r.groupBy != null ? r.groupBy : d.groupBy();
        for (int i = 0; i < groupBy.size(); i++)
        {
            final String field = "alerts.route.group_by[" + i + "]";
            if (AlertRoute.ALL_LABELS.equals(groupBy.get(i)))
            {
                if (groupBy.size() != 1)
                {
                    throw at.errorAtValue(field, "'...' (every label) must be the only entry of group_by");
                }
                continue;
            }
            checkLabelName(field, groupBy.get(i));
        }
        if (r.groupInterval != null && r.groupInterval.isZero())
        {
            throw at.errorAtValue("alerts.route.group_interval", "group_interval must be > 0, was 0s");
        }
        if (r.repeatInterval != null && r.repeatInterval.isZero())
        {
            throw at.errorAtValue("alerts.route.repeat_interval", "repeat_interval must be > 0, was 0s");
        }
        final List<AlertReceiver> receivers = new ArrayList<>();
        if (r.receivers == null)
        {
            receivers.addAll(d.receivers());
        }
        final Map<String, Integer> names = new HashMap<>();
        for (int i = 0; r.receivers != null && i < r.receivers.size(); i++)
        {
            final String path = "alerts.route.receivers[" + i + "]";
            final AlertReceiver receiver = receiver(path, r.receivers.get(i));
            final Integer first = names.putIfAbsent(receiver.name(), i);
            if (first != null)
            {
                throw at.errorAtValue(at.has(path + ".name") ? path + ".name" : path + ".type", "duplicate receiver name '" +
                    receiver.name() + "' (also receivers[" + first + "]): give each a distinct name");
            }
            receivers.add(receiver);
        }
        return new AlertRoute(groupBy,
            r.groupWait != null ? r.groupWait : d.groupWait(),
            r.groupInterval != null ? r.groupInterval : d.groupInterval(),
            r.repeatInterval != null ? r.repeatInterval : d.repeatInterval(),
            receivers);
    }

    private AlertReceiver receiver(final String path, final ConfigDto.Receiver r) throws ConfigException
    {
        ConfigRanges.check(at, path + ".timeout", r.timeout);
        ConfigRanges.check(at, path + ".retries", r.retries);
        ConfigRanges.check(at, path + ".retry_backoff", r.retryBackoff);
        ConfigRanges.check(at, path + ".queue_capacity", r.queueCapacity);
        if (r.type == null)
        {
            throw missing(path, "type", "one of " + ConfigDeserializers.spellings(ReceiverType.class));
        }
        final String name = r.name != null ? r.name.strip() : ConfigDeserializers.spelling(r.type);
        if (name.isEmpty())
        {
            throw at.errorAtValue(path + ".name", "name must not be empty");
        }
        if (r.type != ReceiverType.WEBHOOK)
        {
            for (final String key : List.of("url", "timeout", "retries", "retry_backoff", "queue_capacity", "send_resolved"))
            {
                if (at.has(path + "." + key))
                {
                    throw at.errorAtKey(path + "." + key, "only webhook receivers take '" + key + "'; this one is " +
                        ConfigDeserializers.spelling(r.type));
                }
            }
            return new AlertReceiver(name, r.type, null);
        }
        if (r.url == null)
        {
            throw missing(path, "url", "where notifications are POSTed, e.g. http://127.0.0.1:9093/hook");
        }
        final WebhookSettings d = WebhookSettings.of(URI.create("http://localhost/"));
        try
        {
            return AlertReceiver.webhook(name, new WebhookSettings(
                uri(path + ".url", r.url.strip()),
                r.timeout != null ? r.timeout : d.timeout(),
                r.retries != null ? r.retries : d.retries(),
                r.retryBackoff != null ? r.retryBackoff : d.retryBackoff(),
                r.queueCapacity != null ? r.queueCapacity : d.queueCapacity(),
                r.sendResolved != null ? r.sendResolved : d.sendResolved()));
        }
        catch (final IllegalArgumentException ex)
        {
            String key = "url";
            for (final String k : List.of("timeout", "retries", "retry_backoff", "queue_capacity"))
            {
                if (ex.getMessage().startsWith(k + " "))
                {
                    key = k;
                }
            }
            throw at.errorAtValue(path + "." + key, ex.getMessage());
        }
    }

    private InhibitRule inhibit(final String path, final ConfigDto.Inhibit r) throws ConfigException
    {
        final Map<String, String> source = matchers(path, "source_match", r.sourceMatch);
        final Map<String, String> target = matchers(path, "target_match", r.targetMatch);
        final List<String> equal = r.equal == null ? List.of() : r.equal;
        for (int i = 0; i < equal.size(); i++)
        {
            checkLabelName(path + ".equal[" + i + "]", equal.get(i));
        }
        return new InhibitRule(source, target, equal);
    }

    private SilenceSettings silence(final String path, final ConfigDto.Silence s) throws ConfigException
    {
        ConfigRanges.check(at, path + ".duration", s.duration);
        final Map<String, String> matchers = matchers(path, "matchers", s.matchers);
        final Instant startsAt = instant(path + ".starts_at", s.startsAt);
        final Instant endsAt = instant(path + ".ends_at", s.endsAt);
        if (endsAt != null && s.duration != null)
        {
            throw at.errorAtKey(path + ".duration", "give either ends_at or duration, not both");
        }
        if (endsAt == null && s.duration == null)
        {
            throw missing(path, "ends_at", "or 'duration': when the silence ends");
        }
        if (s.duration != null && s.duration.isZero())
        {
            throw at.errorAtValue(path + ".duration", "duration must be > 0, was 0s");
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt))
        {
            throw at.errorAtValue(path + ".ends_at", "ends_at (" + endsAt + ") must be after starts_at (" + startsAt + ")");
        }
        return new SilenceSettings(matchers, startsAt, endsAt, s.duration, s.comment == null ? "" : s.comment,
            s.createdBy == null ? "config" : s.createdBy);
    }

    private Map<String, String> matchers(final String path, final String key, final Map<String, String> matchers)
        throws ConfigException
    {
        if (matchers == null)
        {
            throw missing(path, key, "label: value pairs, e.g. { alertname: slow_reads }");
        }
        if (matchers.isEmpty())
        {
            throw at.errorAtValue(path + "." + key, key + " must not be empty (it would match every alert)");
        }
        for (final String label : matchers.keySet())
        {
            checkLabelName(path + "." + key + "." + label, label);
        }
        return matchers;
    }

    private Instant instant(final String field, final String text) throws ConfigException
    {
        if (text == null)
        {
            return null;
        }
        try
        {
            return OffsetDateTime.parse(text.strip()).toInstant();
        }
        catch (final DateTimeParseException ex)
        {
            throw at.errorAtValue(field, "bad time '" + text + "': expected an ISO-8601 time with an offset, " +
                "e.g. 2026-01-01T00:00:00Z");
        }
    }

    private URI uri(final String field, final String text) throws ConfigException
    {
        try
        {
            return new URI(text);
        }
        catch (final URISyntaxException ex)
        {
            throw at.errorAtValue(field, "bad URL '" + text + "': " + ex.getReason());
        }
    }

    private void checkLabelName(final String field, final String label) throws ConfigException
    {
        if (!LABEL_NAME.matcher(label).matches())
        {
            throw at.errorAtKey(field, "bad label name '" + label + "': names must match [a-zA-Z_][a-zA-Z0-9_]*");
        }
        if (label.startsWith("__"))
        {
            throw at.errorAtKey(field, "label names starting with '__' are reserved");
        }
    }

    private ConfigException missing(final String path, final String key, final String hint)
    {
        return at.error(path + "." + key, at.key(path), "missing required key '" + key + "' (" + hint + ")");
    }

    private static String suggestion(final String name, final Iterable<String> candidates)
    {
        String best = null;
        int bestDistance = 4;
        for (final String c : candidates)
        {
            final int d = ConfigBinder.distance(name, c);
            if (d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }
}

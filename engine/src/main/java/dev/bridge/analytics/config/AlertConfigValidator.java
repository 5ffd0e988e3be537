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
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private final Checks checks;
    private final Map<String, MetricDefinition> catalog = new LinkedHashMap<>();

    AlertConfigValidator(final Checks checks, final List<MetricDefinition> metrics)
    {
        this.checks = checks;
        metrics.forEach(m -> catalog.put(m.name(), m));
    }

    AlertSettings alerts(final ConfigDto.Alerts a) throws ConfigException
    {
        final AlertSettings d = AlertSettings.NONE;
        checks.range("alerts.evaluation_interval", a.evaluationInterval);
        final Duration interval = a.evaluationInterval != null ? a.evaluationInterval : d.evaluationInterval();
        if (interval.isZero())
        {
            throw checks.atValue("alerts.evaluation_interval", "evaluation_interval must be > 0, was 0s");
        }
        final String externalUrl = a.externalUrl != null ? a.externalUrl.strip() : d.externalUrl();
        if (!externalUrl.isEmpty())
        {
            final URI uri = uri("alerts.external_url", externalUrl);
            if (!uri.isAbsolute())
            {
                throw checks.atValue("alerts.external_url",
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
            throw checks.missing(path, "name", "the alert's name, e.g. high_error_rate");
        }
        checks.range(path + ".for", r.forDuration);
        checks.range(path + ".keep_firing_for", r.keepFiringFor);
        if (!RULE_NAME.matcher(r.name).matches())
        {
            throw checks.atValue(path + ".name",
                "bad rule name '" + r.name + "': names must match [a-zA-Z_][a-zA-Z0-9_]*");
        }
        final Integer first = names.putIfAbsent(r.name, index);
        if (first != null)
        {
            throw checks.atValue(path + ".name", "duplicate rule name '" + r.name + "' (also rules[" + first +
                "], line " + checks.positions().value("alerts.rules[" + first + "].name").line() + ")");
        }
        if (r.expr == null)
        {
            throw checks.missing(path, "expr", "a mapping with metric and aggregation, or with field");
        }
        final AlertExpr expr = expr(path + ".expr", r.expr);
        final AlertComparator comparator = comparator(path, r.comparator);
        if (r.threshold == null)
        {
            throw checks.missing(path, "threshold", "the number the value is compared with");
        }
        if (!Double.isFinite(r.threshold))
        {
            throw checks.atValue(path + ".threshold", "threshold must be a finite number, was " + r.threshold);
        }
        if (r.severity == null)
        {
            throw checks.missing(path, "severity", "e.g. critical, warning, info");
        }
        if (r.severity.isBlank())
        {
            throw checks.atValue(path + ".severity", "severity must not be empty");
        }
        final Map<String, String> labels = r.labels == null ? Map.of() : r.labels;
        for (final String label : labels.keySet())
        {
            final String field = path + ".labels." + label;
            checks.labelKey(field, label);
            if (AlertRule.ALERTNAME.equals(label) || AlertRule.SEVERITY.equals(label))
            {
                throw checks.atKey(field, "label '" + label + "' is set by the rule's " +
                    (AlertRule.SEVERITY.equals(label) ? "severity" : "name"));
            }
            if (expr.by().contains(label))
            {
                throw checks.atKey(field, "label '" + label + "' comes from expr.by");
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
            checks.labelKey(field, e.getKey());
            final AnnotationTemplate template = checks.build(field, () -> AnnotationTemplate.parse(e.getValue()));
            for (final String label : template.labelNames())
            {
                if (!alertLabels.contains(label))
                {
                    throw checks.atValue(field, "{{ $labels." + label + " }}: the alerts of this rule have no label '" +
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
        if ((text == null && checks.has(field)) || (text != null && text.isBlank()))
        {
            throw checks.atValue(field, "expected one of " + AlertComparator.symbols() + ", got an empty value " +
                "(write the comparator in quotes, e.g. comparator: \">\": a bare > starts a YAML block scalar)");
        }
        if (text == null)
        {
            throw checks.missing(path, "comparator", "one of " + AlertComparator.symbols() + ", in quotes");
        }
        final AlertComparator comparator = AlertComparator.bySymbol(text.strip());
        if (comparator == null)
        {
            throw checks.atValue(field, "unknown comparator '" + text + "'; allowed: " + AlertComparator.symbols());
        }
        return comparator;
    }

    private AlertExpr expr(final String path, final ConfigDto.Expr e) throws ConfigException
    {
        checks.range(path + ".window", e.window);
        final Duration window = e.window != null ? e.window : DEFAULT_WINDOW;
        if (window.isZero())
        {
            throw checks.atValue(path + ".window", "window must be > 0, was 0s");
        }
        if (e.metric != null && e.field != null)
        {
            throw checks.atKey(path + ".field", "give either metric or field, not both");
        }
        if (e.field != null)
        {
            for (final String key : List.of("labels", "aggregation", "by", "denominator"))
            {
                if (checks.has(path + "." + key))
                {
                    throw checks.atKey(path + "." + key, "'" + key + "' applies to metric expressions, not to a " +
                        "dashboard field");
                }
            }
            if (!AlertExpr.DASHBOARD_FIELDS.contains(e.field))
            {
                throw checks.atValue(path + ".field", "unknown dashboard field '" + e.field + "'" +
                    Checks.didYouMean(e.field, AlertExpr.DASHBOARD_FIELDS) + "; fields: " +
                    String.join(", ", AlertExpr.DASHBOARD_FIELDS));
            }
            return AlertExpr.ofField(e.field, window);
        }
        if (e.metric == null)
        {
            throw checks.missing(path, "metric", "field", "a catalog metric with an aggregation, or a dashboard field " +
                "such as health.error_rate");
        }
        final MetricDefinition metric = metric(path + ".metric", e.metric);
        final MetricSelector selector = new MetricSelector(e.metric, labels(path + ".labels", metric, e.labels));
        if (e.aggregation == null)
        {
            throw checks.missing(path, "aggregation", AlertAggregation.SPELLINGS);
        }
        final AlertAggregation aggregation =
            checks.build(path + ".aggregation", () -> AlertAggregation.parse(e.aggregation.strip()));
        if (aggregation.kind() == AlertAggregation.Kind.PERCENTILE && metric.type() != MetricType.HISTOGRAM)
        {
            throw checks.atValue(path + ".aggregation", "percentile " + aggregation + " needs a histogram metric; '" +
                metric.name() + "' is a " + ConfigDeserializers.spelling(metric.type()));
        }
        final List<String> by = e.by == null ? List.of() : e.by;
        final Set<String> seen = new TreeSet<>();
        for (int i = 0; i < by.size(); i++)
        {
            final String field = path + ".by[" + i + "]";
            if (!metric.labels().contains(by.get(i)))
            {
                throw checks.atValue(field, noLabel(metric, by.get(i)));
            }
            if (!seen.add(by.get(i)))
            {
                throw checks.atValue(field, "duplicate label '" + by.get(i) + "'");
            }
        }
        MetricSelector denominator = null;
        if (aggregation.kind() == AlertAggregation.Kind.RATIO)
        {
            if (e.denominator == null)
            {
                throw checks.missing(path, "denominator", "aggregation ratio divides by another metric: " +
                    "denominator: { metric: NAME, labels: {...} }");
            }
            if (e.denominator.metric == null)
            {
                throw checks.missing(path + ".denominator", "metric", "the metric whose total divides");
            }
            final MetricDefinition other = metric(path + ".denominator.metric", e.denominator.metric);
            denominator = new MetricSelector(other.name(),
                labels(path + ".denominator.labels", other, e.denominator.labels));
        }
        else if (e.denominator != null)
        {
            throw checks.atKey(path + ".denominator", "a denominator goes with aggregation: ratio, not " + aggregation);
        }
        return AlertExpr.ofMetric(selector, aggregation, window, by, denominator);
    }

    private MetricDefinition metric(final String field, final String name) throws ConfigException
    {
        return checks.suggestedMetric(field, name, catalog);
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
                throw checks.atKey(path + "." + label, noLabel(metric, label));
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
        checks.range("alerts.route.group_wait", r.groupWait);
        checks.range("alerts.route.group_interval", r.groupInterval);
        checks.range("alerts.route.repeat_interval", r.repeatInterval);
        final List<String> groupBy = r.groupBy != null ? r.groupBy : d.groupBy();
        for (int i = 0; i < groupBy.size(); i++)
        {
            final String field = "alerts.route.group_by[" + i + "]";
            if (AlertRoute.ALL_LABELS.equals(groupBy.get(i)))
            {
                if (groupBy.size() != 1)
                {
                    throw checks.atValue(field, "'...' (every label) must be the only entry of group_by");
                }
                continue;
            }
            checks.labelKey(field, groupBy.get(i));
        }
        if (r.groupInterval != null && r.groupInterval.isZero())
        {
            throw checks.atValue("alerts.route.group_interval", "group_interval must be > 0, was 0s");
        }
        if (r.repeatInterval != null && r.repeatInterval.isZero())
        {
            throw checks.atValue("alerts.route.repeat_interval", "repeat_interval must be > 0, was 0s");
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
                throw checks.atValue(checks.has(path + ".name") ? path + ".name" : path + ".type",
                    "duplicate receiver name '" + receiver.name() + "' (also receivers[" + first + "]): give each a " +
                    "distinct name");
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
        checks.range(path + ".timeout", r.timeout);
        checks.range(path + ".retries", r.retries);
        checks.range(path + ".retry_backoff", r.retryBackoff);
        checks.range(path + ".queue_capacity", r.queueCapacity);
        if (r.type == null)
        {
            throw checks.missing(path, "type", "one of " + ConfigDeserializers.spellings(ReceiverType.class));
        }
        final String name = r.name != null ? r.name.strip() : ConfigDeserializers.spelling(r.type);
        if (name.isEmpty())
        {
            throw checks.atValue(path + ".name", "name must not be empty");
        }
        if (r.type != ReceiverType.WEBHOOK)
        {
            for (final String key : List.of("url", "timeout", "retries", "retry_backoff", "queue_capacity", "send_resolved"))
            {
                if (checks.has(path + "." + key))
                {
                    throw checks.atKey(path + "." + key, "only webhook receivers take '" + key + "'; this one is " +
                        ConfigDeserializers.spelling(r.type));
                }
            }
            return new AlertReceiver(name, r.type, null);
        }
        if (r.url == null)
        {
            throw checks.missing(path, "url", "where notifications are POSTed, e.g. http://127.0.0.1:9093/hook");
        }
        final WebhookSettings d = WebhookSettings.of(URI.create("http://localhost/"));
        final URI url = uri(path + ".url", r.url.strip());
        return AlertReceiver.webhook(name, checks.build(path, () -> new WebhookSettings(
            url,
            r.timeout != null ? r.timeout : d.timeout(),
            r.retries != null ? r.retries : d.retries(),
            r.retryBackoff != null ? r.retryBackoff : d.retryBackoff(),
            r.queueCapacity != null ? r.queueCapacity : d.queueCapacity(),
            r.sendResolved != null ? r.sendResolved : d.sendResolved())));
    }

    private InhibitRule inhibit(final String path, final ConfigDto.Inhibit r) throws ConfigException
    {
        final Map<String, String> source = matchers(path, "source_match", r.sourceMatch);
        final Map<String, String> target = matchers(path, "target_match", r.targetMatch);
        final List<String> equal = r.equal == null ? List.of() : r.equal;
        for (int i = 0; i < equal.size(); i++)
        {
            checks.labelKey(path + ".equal[" + i + "]", equal.get(i));
        }
        return new InhibitRule(source, target, equal);
    }

    private SilenceSettings silence(final String path, final ConfigDto.Silence s) throws ConfigException
    {
        checks.range(path + ".duration", s.duration);
        final Map<String, String> matchers = matchers(path, "matchers", s.matchers);
        final Instant startsAt = instant(path + ".starts_at", s.startsAt);
        final Instant endsAt = instant(path + ".ends_at", s.endsAt);
        if (endsAt != null && s.duration != null)
        {
            throw checks.atKey(path + ".duration", "give either ends_at or duration, not both");
        }
        if (endsAt == null && s.duration == null)
        {
            throw checks.missing(path, "ends_at", "or 'duration': when the silence ends");
        }
        if (s.duration != null && s.duration.isZero())
        {
            throw checks.atValue(path + ".duration", "duration must be > 0, was 0s");
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt))
        {
            throw checks.atValue(path + ".ends_at",
                "ends_at (" + endsAt + ") must be after starts_at (" + startsAt + ")");
        }
        return new SilenceSettings(matchers, startsAt, endsAt, s.duration, s.comment == null ? "" : s.comment,
            s.createdBy == null ? "config" : s.createdBy);
    }

    private Map<String, String> matchers(final String path, final String key, final Map<String, String> matchers)
        throws ConfigException
    {
        if (matchers == null)
        {
            throw checks.missing(path, key, "label: value pairs, e.g. { alertname: slow_reads }");
        }
        if (matchers.isEmpty())
        {
            throw checks.atValue(path + "." + key, key + " must not be empty (it would match every alert)");
        }
        for (final String label : matchers.keySet())
        {
            checks.labelKey(path + "." + key + "." + label, label);
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
            throw checks.atValue(field, "bad time '" + text + "': expected an ISO-8601 time with an offset, " +
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
            throw checks.atValue(field, "bad URL '" + text + "': " + ex.getReason());
        }
    }

}

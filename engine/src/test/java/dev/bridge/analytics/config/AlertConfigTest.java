package dev.bridge.analytics.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code alerts:} section: the shipped rules, defaults, every key read, and errors placed at file, line and field. */
class AlertConfigTest
{
    private static final String CATALOG = TestCatalogs.READ_LATENCY + """
          operation_error:
            type: counter
            unit: errors
            help: Errors.
            labels: [operation]
          variable_read:
            type: counter
            unit: operations
            help: Reads.
        """;

    private static final String RULE = """
        alerts:
          rules:
            - name: r
              expr: { metric: operation_error, aggregation: rate }
              comparator: ">"
              threshold: 1
              severity: warning
        """;

    @Test
    void shouldShipTheSeedsThreeRules()
    {
        final AlertSettings alerts = EngineConfig.defaults().alerts();
        assertEquals(Duration.ofSeconds(15), alerts.evaluationInterval());
        assertEquals(List.of("high_error_rate", "slow_reads", "low_cache_hit_rate"),
            alerts.rules().stream().map(AlertRule::name).toList());

        final AlertRule errors = alerts.rule("high_error_rate").orElseThrow();
        assertEquals(AlertExpr.ofField("health.error_rate", Duration.ofMinutes(5)), errors.expr());
        assertEquals(AlertComparator.GT, errors.comparator());
        assertEquals(0.05, errors.threshold());
        assertEquals(Duration.ofMinutes(2), errors.forDuration());
        assertEquals(Duration.ofMinutes(1), errors.keepFiringFor());
        assertEquals("critical", errors.severity());

        final AlertRule reads = alerts.rule("slow_reads").orElseThrow();
        assertEquals(AlertExpr.ofMetric(new MetricSelector("read_latency_us", Map.of()),
            AlertAggregation.parse("p95"), Duration.ofMinutes(5), List.of(), null), reads.expr());
        assertEquals(10_000.0, reads.threshold());
        assertEquals("warning", reads.severity());

        final AlertRule cache = alerts.rule("low_cache_hit_rate").orElseThrow();
        assertEquals(AlertExpr.ofField("cache.hit_rate", Duration.ofMinutes(10)), cache.expr());
        assertEquals(AlertComparator.LT, cache.comparator());
        assertEquals(0.8, cache.threshold());
        assertEquals("info", cache.severity());

        assertEquals(AlertRoute.DEFAULT, alerts.route());
        assertEquals(List.of(new InhibitRule(Map.of("alertname", "high_error_rate", "severity", "critical"),
            Map.of("alertname", "slow_reads"), List.of())), alerts.inhibitRules());
        assertEquals(List.of(), alerts.silences());
    }

    @Test
    void shouldHaveNoRulesWithoutTheSection() throws ConfigException
    {
        final EngineConfig config = EngineConfig.parse(CATALOG, "x.yaml");
        assertEquals(AlertSettings.NONE, config.alerts());
        assertEquals(AlertSettings.NONE, new EngineConfig("x", config.engine(), config.metrics()).alerts());
    }

    @Test
    void shouldDefaultEveryOptionalKeyOfARule() throws ConfigException
    {
        final AlertRule rule = EngineConfig.parse(RULE + CATALOG, "x.yaml").alerts().rules().get(0);
        assertEquals(new AlertRule("r", AlertExpr.ofMetric(new MetricSelector("operation_error", Map.of()),
                AlertAggregation.parse("rate"), Duration.ofMinutes(5), List.of(), null),
            AlertComparator.GT, 1, Duration.ZERO, Duration.ZERO, "warning", Map.of(), Map.of()), rule);
        assertEquals(Map.of("alertname", "r", "severity", "warning"), rule.baseLabels());
    }

    @Test
    void shouldReadEveryKey() throws ConfigException
    {
        final AlertSettings alerts = EngineConfig.parse("""
            alerts:
              evaluation_interval: 5s
              external_url: http://alerts.example:9464
              rules:
                - name: read_errors
                  expr:
                    metric: operation_error
                    labels: { operation: read }
                    aggregation: ratio
                    denominator: { metric: variable_read }
                    window: 1m
                  comparator: ">="
                  threshold: 0.5
                  for: 30s
                  keep_firing_for: 2m
                  severity: page
                  labels: { team: bridge }
                  annotations: { summary: "{{ $labels.team }}: {{ $value | humanizePercentage }}" }
                - name: errors_by_operation
                  expr: { metric: operation_error, aggregation: sum, by: [operation], window: 10s }
                  comparator: "!="
                  threshold: 0
                  severity: info
              route:
                group_by: ["..."]
                group_wait: 0
                group_interval: 1m
                repeat_interval: 1h
                receivers:
                  - type: log
                  - { name: ops, type: webhook, url: "http://127.0.0.1:9093/hook", timeout: 2s, retries: 5,
                      retry_backoff: 100ms, queue_capacity: 10, send_resolved: false }
              inhibit_rules:
                - { source_match: { severity: page }, target_match: { severity: info }, equal: [team] }
              silences:
                - { matchers: { alertname: read_errors }, starts_at: "2026-01-01T00:00:00Z", ends_at: "2026-01-01T02:00:00+01:00", comment: upgrade, created_by: ops }
                - { matchers: { team: bridge }, duration: 2h }
            """ + CATALOG, "x.yaml").alerts();

        assertEquals(Duration.ofSeconds(5), alerts.evaluationInterval());
        assertEquals("http://alerts.example:9464", alerts.externalUrl());
        assertEquals(new AlertRule("read_errors",
            AlertExpr.ofMetric(new MetricSelector("operation_error", Map.of("operation", "read")),
                AlertAggregation.parse("ratio"), Duration.ofMinutes(1), List.of(),
                new MetricSelector("variable_read", Map.of())),
            AlertComparator.GE, 0.5, Duration.ofSeconds(30), Duration.ofMinutes(2), "page", Map.of("team", "bridge"),
            Map.of("summary", "{{ $labels.team }}: {{ $value | humanizePercentage }}")), alerts.rules().get(0));
        assertEquals(AlertExpr.ofMetric(new MetricSelector("operation_error", Map.of()), AlertAggregation.parse("sum"),
            Duration.ofSeconds(10), List.of("operation"), null), alerts.rules().get(1).expr());
        assertEquals(AlertComparator.NE, alerts.rules().get(1).comparator());
        assertEquals(new AlertRoute(List.of("..."), Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1),
            List.of(AlertReceiver.log(), AlertReceiver.webhook("ops", new WebhookSettings(
                URI.create("http://127.0.0.1:9093/hook"), Duration.ofSeconds(2), 5, Duration.ofMillis(100), 10, false)))),
            alerts.route());
        assertEquals(List.of(new InhibitRule(Map.of("severity", "page"), Map.of("severity", "info"), List.of("team"))),
            alerts.inhibitRules());
        assertEquals(List.of(
            new SilenceSettings(Map.of("alertname", "read_errors"), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T01:00:00Z"), null, "upgrade", "ops"),
            new SilenceSettings(Map.of("team", "bridge"), null, null, Duration.ofHours(2), "", "config")),
            alerts.silences());
        assertEquals(1_000L + 7_200_000L, alerts.silences().get(1).endsAtMs(1_000L));
    }

    @Test
    void shouldRenderAnnotationTemplates()
    {
        final AnnotationTemplate t = AnnotationTemplate.parse(
            "{{$labels.operation}} at {{ $value }} = {{ $value | humanizePercentage }} ~ {{ $value|humanize }}");
        assertEquals("read at 0.0625 = 6.25% ~ 0.0625", t.render(0.0625, Map.of("operation", "read")));
        assertEquals(" at 12000 = 1200000% ~ 12000", t.render(12_000, Map.of()));
        assertEquals(List.of("operation"), t.labelNames());
        assertEquals("no placeholders", AnnotationTemplate.parse("no placeholders").render(1, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        "  evaluation_interval: 0\\n"                                                   | x.yaml:2:24: alerts.evaluation_interval: evaluation_interval must be in 100ms..1d, was 0s
        "  rules:\\n    - expr: { field: cache.hit_rate }\\n"                          | x.yaml:3:7: alerts.rules[0].name: missing required key 'name' (the alert's name, e.g. high_error_rate)
        "  rules:\\n    - { name: bad-name }\\n"                                        | x.yaml:3:15: alerts.rules[0].name: bad rule name 'bad-name': names must match [a-zA-Z_][a-zA-Z0-9_]*
        "  rules:\\n    - { name: r, expr: { field: cache.hitrate } }\\n"              | x.yaml:3:33: alerts.rules[0].expr.field: unknown dashboard field 'cache.hitrate' (did you mean 'cache.hit_rate'?); fields: operations.reads_per_second, operations.writes_per_second, operations.total_operations, performance.read_latency_p50, performance.read_latency_p95, performance.read_latency_p99, performance.write_latency_p50, performance.write_latency_p95, performance.write_latency_p99, cache.hit_rate, cache.total_hits, cache.total_misses, cache.evictions, optimizations.active, optimizations.completed, optimizations.failed, optimizations.success_rate, optimizations.avg_duration_ms, health.error_rate, health.active_sessions, health.memory_usage_mb, health.process_count
        "  rules:\\n    - { name: r, expr: { metric: read_latncy_us, aggregation: p95 } }\\n" | x.yaml:3:34: alerts.rules[0].expr.metric: unknown metric 'read_latncy_us' (did you mean 'read_latency_us'?); the catalog has read_latency_us, operation_error, variable_read
        "  rules:\\n    - { name: r, expr: { metric: variable_read, aggregation: p95 } }\\n" | x.yaml:3:62: alerts.rules[0].expr.aggregation: percentile p95 needs a histogram metric; 'variable_read' is a counter
        "  rules:\\n    - { name: r, expr: { metric: variable_read, aggregation: mean } }\\n" | x.yaml:3:62: alerts.rules[0].expr.aggregation: unknown aggregation 'mean'; use avg, sum, min, max, count, last, rate, ratio or pNN (p50, p95, p99.9)
        "  rules:\\n    - { name: r, expr: { metric: operation_error, labels: { op: read }, aggregation: sum } }\\n" | x.yaml:3:61: alerts.rules[0].expr.labels.op: metric 'operation_error' has no label 'op' (its labels: operation)
        "  rules:\\n    - { name: r, expr: { metric: variable_read, aggregation: ratio } }\\n" | x.yaml:3:18: alerts.rules[0].expr.denominator: missing required key 'denominator' (aggregation ratio divides by another metric: denominator: { metric: NAME, labels: {...} })
        "  rules:\\n    - { name: r, expr: { field: cache.hit_rate, aggregation: avg } }\\n" | x.yaml:3:49: alerts.rules[0].expr.aggregation: 'aggregation' applies to metric expressions, not to a dashboard field
        "  rules:\\n    - name: r\\n      expr: { field: cache.hit_rate }\\n      comparator: >\\n      threshold: 1\\n" | x.yaml:5:19: alerts.rules[0].comparator: expected one of '>', '>=', '<', '<=', '==', '!=', got an empty value (write the comparator in quotes, e.g. comparator: ">": a bare > starts a YAML block scalar)
        "  rules:\\n    - { name: r, expr: { field: cache.hit_rate }, comparator: gt }\\n" | x.yaml:3:63: alerts.rules[0].comparator: unknown comparator 'gt'; allowed: '>', '>=', '<', '<=', '==', '!='
        "  rules:\\n    - { name: r, expr: { field: cache.hit_rate }, comparator: '<', threshold: 80% }\\n" | x.yaml:3:79: alerts.rules[0].threshold: expected a number, got the string '80%'
        "  rules:\\n    - { name: r, expr: { field: cache.hit_rate }, comparator: '<', threshold: 1 }\\n" | x.yaml:3:7: alerts.rules[0].severity: missing required key 'severity' (e.g. critical, warning, info)
        "  rules:\\n    - { name: r, expr: { field: cache.hit_rate }, comparator: '<', threshold: 1, severity: info, for: -1m }\\n" | x.yaml:3:103: alerts.rules[0].for: negative duration '-1m': durations must be >= 0
        "  rules:\\n    - { name: r, expr: { field: cache.hit_rate }, comparator: '<', threshold: 1, severity: info, labels: { severity: x } }\\n" | x.yaml:3:108: alerts.rules[0].labels.severity: label 'severity' is set by the rule's severity
        "  rules:\\n    - { name: r, expr: { field: cache.hit_rate }, comparator: '<', threshold: 1, severity: info, annotations: { s: '{{ $labels.operation }}' } }\\n" | x.yaml:3:116: alerts.rules[0].annotations.s: {{ $labels.operation }}: the alerts of this rule have no label 'operation' (they have alertname, severity)
        "  rules:\\n    - { name: r, expr: { field: cache.hit_rate }, comparator: '<', threshold: 1, severity: info, annotations: { s: '{{ $valu }}' } }\\n" | "x.yaml:3:116: alerts.rules[0].annotations.s: unknown placeholder '{{ $valu }}': use {{ $value }}, {{ $value | humanize }}, {{ $value | humanizePercentage }} or {{ $labels.<name> }}"
        "  rules:\\n    - { name: r, expr: { field: cache.hit_rate }, comparator: '<', threshold: 1, severity: info }\\n    - { name: r, expr: { field: cache.hit_rate }, comparator: '<', threshold: 1, severity: info }\\n" | x.yaml:4:15: alerts.rules[1].name: duplicate rule name 'r' (also rules[0], line 3)
        "  route:\\n    group_interval: 0\\n"                                          | x.yaml:3:21: alerts.route.group_interval: group_interval must be in 1s..1d, was 0s
        "  route:\\n    receivers:\\n      - { type: webhook }\\n"                     | x.yaml:4:9: alerts.route.receivers[0].url: missing required key 'url' (where notifications are POSTed, e.g. http://127.0.0.1:9093/hook)
        "  route:\\n    receivers:\\n      - { type: webhook, url: 'ftp://x/y' }\\n"   | x.yaml:4:31: alerts.route.receivers[0].url: url must be an absolute http or https URL, was 'ftp://x/y'
        "  route:\\n    receivers:\\n      - { type: webhook, url: 'http://x/', retries: 50 }\\n" | x.yaml:4:53: alerts.route.receivers[0].retries: retries must be in 0..20, was 50
        "  route:\\n    receivers:\\n      - { type: log, url: 'http://x/' }\\n"       | x.yaml:4:22: alerts.route.receivers[0].url: only webhook receivers take 'url'; this one is log
        "  route:\\n    receivers:\\n      - { type: pager }\\n"                       | x.yaml:4:17: alerts.route.receivers[0].type: unknown value 'pager'; allowed: log, webhook, listener
        "  route:\\n    receivers: [ { type: log }, { type: log } ]\\n"                 | x.yaml:3:41: alerts.route.receivers[1].type: duplicate receiver name 'log' (also receivers[0]): give each a distinct name
        "  inhibit_rules:\\n    - { source_match: {}, target_match: { a: b } }\\n"    | x.yaml:3:23: alerts.inhibit_rules[0].source_match: source_match must not be empty (it would match every alert)
        "  silences:\\n    - { matchers: { alertname: r }, starts_at: yesterday, duration: 1h }\\n" | x.yaml:3:48: alerts.silences[0].starts_at: bad time 'yesterday': expected an ISO-8601 time with an offset, e.g. 2026-01-01T00:00:00Z
        "  silences:\\n    - { matchers: { alertname: r } }\\n"                       | x.yaml:3:7: alerts.silences[0].ends_at: missing required key 'ends_at' (or 'duration': when the silence ends)
        "  silences:\\n    - { matchers: { alertname: r }, starts_at: '2026-01-02T00:00:00Z', ends_at: '2026-01-01T00:00:00Z' }\\n" | x.yaml:3:81: alerts.silences[0].ends_at: ends_at (2026-01-01T00:00:00Z) must be after starts_at (2026-01-02T00:00:00Z)
        "  rulez: []\\n"                                                               | x.yaml:2:3: alerts.rulez: unknown key 'rulez' (did you mean 'rules'?); allowed keys: evaluation_interval, external_url, rules, route, inhibit_rules, silences
        """)
    void shouldPlaceEveryErrorAtFileLineAndField(final String section, final String message)
    {
        final ConfigException e = assertThrows(ConfigException.class,
            () -> EngineConfig.parse("alerts:\n" + section.replace("\\n", "\n") + CATALOG, "x.yaml"));
        assertEquals(message, e.getMessage());
    }
}

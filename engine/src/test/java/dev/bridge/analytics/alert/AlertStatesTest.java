package dev.bridge.analytics.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.bridge.analytics.alert.RuleTester.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every state transition of an alert, with Prometheus' semantics, driven by a rule tester: inactive, pending,
 * firing, resolved, forgotten; {@code for} and {@code keep_firing_for} at their exact boundaries.
 */
class AlertStatesTest
{
    /** Evaluated every 10 s; sessions > 10 for 30 s fires; keeps firing 20 s; groups flush every 25 s. */
    private static final String RULES = """
        alerts:
          evaluation_interval: 10s
          rules:
            - name: many_sessions
              expr: { metric: active_sessions, aggregation: last, window: 10m }
              comparator: ">"
              threshold: 10
              for: 30s
              keep_firing_for: 20s
              severity: warning
              annotations: { summary: "{{ $value }} sessions" }
          route: { group_wait: 0, group_interval: 25s, repeat_interval: 1h, receivers: [ { type: listener } ] }
        """;

    @TempDir
    Path dir;

    @Test
    void shouldGoFromInactiveThroughPendingAndFiringToResolvedAndBeForgottenOnceNotified()
    {
        try (RuleTester t = RuleTester.start(dir, RULES))
        {
            t.advanceTo(Duration.ofSeconds(5));
            assertNull(t.state("many_sessions"), "no data: inactive");

            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofSeconds(10));
            final Alert pending = t.alert("many_sessions");
            assertEquals(AlertState.PENDING, pending.state());
            assertEquals(at(Duration.ofSeconds(10)), pending.activeAtMs());
            assertNull(pending.firedAtMs());
            assertEquals(20.0, pending.value());
            assertEquals(Map.of("summary", "20 sessions"), pending.annotations());
            assertEquals(Map.of("alertname", "many_sessions", "severity", "warning"), pending.labels());
            assertEquals(List.of(), t.notifications(), "pending alerts are not notified");

            t.advanceTo(Duration.ofSeconds(40));
            final Alert firing = t.alert("many_sessions");
            assertEquals(AlertState.FIRING, firing.state());
            assertEquals(at(Duration.ofSeconds(10)), firing.activeAtMs());
            assertEquals(at(Duration.ofSeconds(40)), firing.firedAtMs());
            assertEquals(1, t.notifications().size());
            assertEquals(AlertState.FIRING, t.notifications().get(0).status());

            t.set("active_sessions", 5);
            t.advanceTo(Duration.ofSeconds(70));
            final Alert resolved = t.alert("many_sessions");
            assertEquals(AlertState.RESOLVED, resolved.state());
            assertEquals(at(Duration.ofSeconds(70)), resolved.resolvedAtMs());
            assertEquals(20.0, resolved.value(), "the last value while the condition held");

            t.advanceTo(Duration.ofSeconds(89));
            assertEquals(AlertState.RESOLVED, t.state("many_sessions"), "kept until its group flushes at 90 s");
            t.advanceTo(Duration.ofSeconds(90));
            assertNull(t.state("many_sessions"), "forgotten once notified as resolved");
            assertEquals(2, t.notifications().size());
            final AlertNotification last = t.notifications().get(1);
            assertEquals(AlertState.RESOLVED, last.status());
            assertEquals(at(Duration.ofSeconds(90)), last.timestampMs());
            assertEquals(at(Duration.ofSeconds(70)), last.alerts().get(0).resolvedAtMs());
        }
    }

    @Test
    void shouldFireAtTheEvaluationWhereForIsReachedAndNotTheOneBefore()
    {
        try (RuleTester t = RuleTester.start(dir, twoRules("for: 30s", "for: 30001ms")))
        {
            t.advanceTo(Duration.ofSeconds(5));
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofSeconds(30));
            assertEquals(AlertState.PENDING, t.state("a"), "20 s elapsed");
            assertEquals(AlertState.PENDING, t.state("b"));

            t.advanceTo(Duration.ofSeconds(40));
            assertEquals(AlertState.FIRING, t.state("a"), "exactly 30 s elapsed: for is reached");
            assertEquals(at(Duration.ofSeconds(40)), t.alert("a").firedAtMs());
            assertEquals(AlertState.PENDING, t.state("b"), "30 s < 30.001 s");

            t.advanceTo(Duration.ofSeconds(50));
            assertEquals(AlertState.FIRING, t.state("b"));
            assertEquals(at(Duration.ofSeconds(50)), t.alert("b").firedAtMs());
        }
    }

    @Test
    void shouldResolveExactlyWhenKeepFiringForHasPassed()
    {
        try (RuleTester t = RuleTester.start(dir, twoRules("keep_firing_for: 20s", "keep_firing_for: 20001ms")))
        {
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofSeconds(30)); // active at 0 s, fires at 30 s
            assertEquals(AlertState.FIRING, t.state("a"));
            assertEquals(AlertState.FIRING, t.state("b"));

            t.set("active_sessions", 5);
            t.advanceTo(Duration.ofSeconds(40)); // first evaluation without the condition: keep firing since 40 s
            assertEquals(AlertState.FIRING, t.state("a"));
            t.advanceTo(Duration.ofSeconds(50));
            assertEquals(AlertState.FIRING, t.state("a"), "10 s < 20 s");

            t.advanceTo(Duration.ofSeconds(60));
            assertEquals(AlertState.RESOLVED, t.state("a"), "exactly 20 s: resolved");
            assertEquals(at(Duration.ofSeconds(60)), t.alert("a").resolvedAtMs());
            assertEquals(AlertState.FIRING, t.state("b"), "20 s < 20.001 s");

            t.advanceTo(Duration.ofSeconds(70));
            assertEquals(AlertState.RESOLVED, t.state("b"));
            assertEquals(at(Duration.ofSeconds(70)), t.alert("b").resolvedAtMs());
        }
    }

    @Test
    void shouldResolveAtTheFirstFalseEvaluationWithoutKeepFiringFor()
    {
        try (RuleTester t = RuleTester.start(dir, twoRules("keep_firing_for: 0", "keep_firing_for: 0")))
        {
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofSeconds(30));
            assertEquals(AlertState.FIRING, t.state("a"));
            t.set("active_sessions", 5);
            t.advanceTo(Duration.ofSeconds(40));
            assertEquals(AlertState.RESOLVED, t.state("a"));
            assertEquals(at(Duration.ofSeconds(40)), t.alert("a").resolvedAtMs());
        }
    }

    @Test
    void shouldDropAPendingAlertWhoseConditionStopsHolding()
    {
        try (RuleTester t = RuleTester.start(dir, RULES))
        {
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofSeconds(20));
            assertEquals(AlertState.PENDING, t.state("many_sessions"));
            t.set("active_sessions", 5);
            t.advanceTo(Duration.ofSeconds(30));
            assertNull(t.state("many_sessions"), "pending -> inactive, never resolved");
            t.advanceTo(Duration.ofMinutes(2));
            assertEquals(List.of(), t.notifications());
        }
    }

    @Test
    void shouldFireAtTheFirstTrueEvaluationWithForZero()
    {
        try (RuleTester t = RuleTester.start(dir, RULES.replace("for: 30s", "for: 0")))
        {
            t.advanceTo(Duration.ofSeconds(5));
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofSeconds(10));
            final Alert a = t.alert("many_sessions");
            assertEquals(AlertState.FIRING, a.state());
            assertEquals(at(Duration.ofSeconds(10)), a.activeAtMs());
            assertEquals(at(Duration.ofSeconds(10)), a.firedAtMs());
        }
    }

    @Test
    void shouldRestartKeepFiringForWhenTheConditionHoldsAgain()
    {
        try (RuleTester t = RuleTester.start(dir, RULES))
        {
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofSeconds(35));
            assertEquals(AlertState.FIRING, t.state("many_sessions"));
            t.set("active_sessions", 5);
            t.advanceTo(Duration.ofSeconds(45)); // false at 40 s: keep firing since 40 s
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofSeconds(55)); // true at 50 s: cleared
            t.set("active_sessions", 5);
            t.advanceTo(Duration.ofSeconds(70)); // false at 60 s and 70 s: since 60 s
            assertEquals(AlertState.FIRING, t.state("many_sessions"), "only 10 s since 60 s");
            t.advanceTo(Duration.ofSeconds(80)); // resolved at 80 s, and notified by the group flush at 80 s
            assertNull(t.state("many_sessions"));
            final AlertNotification last = t.notifications().get(t.notifications().size() - 1);
            assertEquals(AlertState.RESOLVED, last.status());
            assertEquals(at(Duration.ofSeconds(80)), last.alerts().get(0).resolvedAtMs());
        }
    }

    @Test
    void shouldStartOverAsPendingWhenAResolvedAlertHoldsAgainBeforeItIsNotified()
    {
        try (RuleTester t = RuleTester.start(dir, RULES.replace("keep_firing_for: 20s", "keep_firing_for: 0")))
        {
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofSeconds(35)); // fires at 30 s, group flushes at 30 s and 55 s
            t.set("active_sessions", 5);
            t.advanceTo(Duration.ofSeconds(40));
            assertEquals(AlertState.RESOLVED, t.state("many_sessions"));
            t.set("active_sessions", 30);
            t.advanceTo(Duration.ofSeconds(50));
            final Alert again = t.alert("many_sessions");
            assertEquals(AlertState.PENDING, again.state());
            assertEquals(at(Duration.ofSeconds(50)), again.activeAtMs());
            assertEquals(30.0, again.value());
        }
    }

    @Test
    void shouldTrackOneAlertPerLabelSetOfTheByLabels()
    {
        try (RuleTester t = RuleTester.start(dir, """
            alerts:
              evaluation_interval: 10s
              rules:
                - name: errors
                  expr: { metric: operation_error, aggregation: sum, by: [operation], window: 10m }
                  comparator: ">="
                  threshold: 3
                  severity: critical
                  annotations: { summary: "{{ $value }} {{ $labels.operation }} errors" }
            """))
        {
            t.add("operation_error", 5, "operation", "read");
            t.add("operation_error", 1, "operation", "write");
            t.add("operation_error", 3, "operation", "delete");
            t.advanceTo(Duration.ZERO);
            final List<Alert> alerts = t.alerts("errors");
            assertEquals(2, alerts.size(), alerts::toString);
            final Alert read = alerts.stream().filter(a -> a.labels().get("operation").equals("read")).findFirst().orElseThrow();
            final Alert delete = alerts.stream().filter(a -> a.labels().get("operation").equals("delete")).findFirst().orElseThrow();
            assertEquals(Map.of("alertname", "errors", "severity", "critical", "operation", "read"), read.labels());
            assertEquals(Map.of("summary", "5 read errors"), read.annotations());
            assertEquals(Map.of("summary", "3 delete errors"), delete.annotations());
            assertEquals(AlertState.FIRING, read.state());
            assertEquals(LabelSets.fingerprint(read.labels()), read.fingerprint());
        }
    }

    /** Two copies of the rule, named a and b, with {@code a} and {@code b} replacing its {@code for}/{@code keep_firing_for}. */
    private static String twoRules(final String a, final String b)
    {
        final String rule = """
                - name: %s
                  expr: { metric: active_sessions, aggregation: last, window: 10m }
                  comparator: ">"
                  threshold: 10
                  for: 30s
                  keep_firing_for: 20s
                  severity: warning
            """;
        final String key = a.substring(0, a.indexOf(':') + 1);
        return """
            alerts:
              evaluation_interval: 10s
              rules:
            """ + rule.formatted("a").replaceFirst(key + " [^\\n]*", a) + rule.formatted("b").replaceFirst(key + " [^\\n]*", b) + """
              route: { group_wait: 0, group_interval: 25s, repeat_interval: 1h, receivers: [ { type: listener } ] }
            """;
    }
}

package dev.bridge.analytics.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.bridge.analytics.alert.RuleTester.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notification handling as Alertmanager does it: grouping timers, deduplication, repeats, silences, inhibition. */
class NotificationTest
{
    private static final String ERRORS_BY_OPERATION = """
        alerts:
          evaluation_interval: 10s
          rules:
            - name: errors
              expr: { metric: operation_error, aggregation: sum, by: [operation], window: 10m }
              comparator: ">"
              threshold: 0
              severity: critical
          route: { group_by: [alertname], group_wait: 30s, group_interval: 1m, repeat_interval: 5m, receivers: [ { type: listener } ] }
        """;

    @TempDir
    Path dir;

    @Test
    void shouldWaitGroupWaitThenNotifyChangesAtGroupIntervalAndRepeatUnchangedGroups()
    {
        try (RuleTester t = RuleTester.start(dir, ERRORS_BY_OPERATION))
        {
            t.add("operation_error", 1, "operation", "read");
            t.add("operation_error", 1, "operation", "write");
            t.advanceTo(Duration.ofSeconds(29));
            assertEquals(2, t.alerts("errors").size());
            assertEquals(List.of(), t.notifications(), "group_wait: 30 s");

            t.advanceTo(Duration.ofSeconds(30));
            assertEquals(1, t.notifications().size());
            final AlertNotification first = t.notifications().get(0);
            assertEquals("listener", first.receiver());
            assertEquals("{}:{alertname=\"errors\"}", first.groupKey());
            assertEquals(AlertState.FIRING, first.status());
            assertEquals(Map.of("alertname", "errors"), first.groupLabels());
            assertEquals(Map.of("alertname", "errors", "severity", "critical"), first.commonLabels());
            assertEquals(List.of("read", "write"), operations(first));
            assertEquals(at(Duration.ofSeconds(30)), first.timestampMs());

            t.advanceTo(Duration.ofSeconds(35));
            t.add("operation_error", 1, "operation", "delete"); // fires at 40 s
            t.advanceTo(Duration.ofSeconds(89));
            assertEquals(1, t.notifications().size(), "a change waits for group_interval: 30 s + 1 min");
            t.advanceTo(Duration.ofSeconds(90));
            assertEquals(2, t.notifications().size());
            assertEquals(List.of("delete", "read", "write"), operations(t.notifications().get(1)));

            t.advanceTo(Duration.ofSeconds(389));
            assertEquals(2, t.notifications().size(), "unchanged at 150..330 s: deduplicated");
            t.advanceTo(Duration.ofSeconds(390));
            assertEquals(3, t.notifications().size(), "repeat_interval 5 min after 90 s");
            assertEquals(List.of("delete", "read", "write"), operations(t.notifications().get(2)));
            assertEquals(at(Duration.ofSeconds(390)), t.notifications().get(2).timestampMs());
        }
    }

    @Test
    void shouldMuteSilencedAlertsUntilTheSilenceExpires()
    {
        try (RuleTester t = RuleTester.start(dir, ERRORS_BY_OPERATION
            .replace("group_wait: 30s", "group_wait: 0")
            .replace("  route:", "  silences:\n" +
                "    - { matchers: { operation: read }, duration: 2m, comment: known issue, created_by: ops }\n" +
                "  route:")))
        {
            t.add("operation_error", 1, "operation", "read");
            t.add("operation_error", 1, "operation", "write");
            t.advanceTo(Duration.ZERO);
            assertEquals(1, t.notifications().size());
            assertEquals(List.of("write"), operations(t.notifications().get(0)), "read is silenced");
            final Silence configured = t.manager().silences().get(0);
            assertEquals(new Silence(configured.id(), Map.of("operation", "read"), at(Duration.ZERO),
                at(Duration.ofMinutes(2)), "known issue", "ops"), configured);
            assertEquals(List.of(configured.id()), alert(t, "read").silencedBy());
            assertTrue(alert(t, "read").muted());
            assertFalse(alert(t, "write").muted());

            t.advanceTo(Duration.ofSeconds(10));
            final Silence api = t.manager().addSilence(Map.of("operation", "delete"), null,
                Instant.ofEpochMilli(at(Duration.ofHours(1))), "maintenance", "me");
            assertEquals(at(Duration.ofSeconds(10)), api.startsAtMs());
            assertEquals(2, t.manager().silences().size());
            t.add("operation_error", 1, "operation", "delete"); // fires at 20 s
            t.advanceTo(Duration.ofSeconds(60));
            assertEquals(1, t.notifications().size(), "delete silenced, read silenced, write unchanged");
            assertEquals(List.of(api.id()), alert(t, "delete").silencedBy());

            t.advanceTo(Duration.ofSeconds(70));
            assertTrue(t.manager().expireSilence(api.id()));
            assertFalse(t.manager().expireSilence(api.id()), "already expired");
            assertFalse(t.manager().expireSilence("no-such-id"));
            assertEquals(Silence.State.EXPIRED, t.manager().silences().stream()
                .filter(s -> s.id().equals(api.id())).findFirst().orElseThrow().state(t.now()));

            t.advanceTo(Duration.ofSeconds(119));
            assertEquals(1, t.notifications().size(), "the next flush is at 120 s");
            t.advanceTo(Duration.ofSeconds(120));
            assertEquals(2, t.notifications().size());
            assertEquals(List.of("delete", "read", "write"), operations(t.notifications().get(1)),
                "delete's silence was expired, read's ran out at 120 s");
        }
    }

    @Test
    void shouldRefuseASilenceThatEndsBeforeNow()
    {
        try (RuleTester t = RuleTester.start(dir, ERRORS_BY_OPERATION))
        {
            t.advanceTo(Duration.ofMinutes(1));
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.manager().addSilence(Map.of("operation", "read"), null,
                    Instant.ofEpochMilli(at(Duration.ofSeconds(30))), "", ""));
            assertEquals("a silence must end after its start and after now: starts 2027-01-15T08:01:00Z, " +
                "ends 2027-01-15T08:00:30Z, now 2027-01-15T08:01:00Z", e.getMessage());
            assertEquals("a silence needs at least one matcher", assertThrows(IllegalArgumentException.class,
                () -> t.manager().addSilence(Map.of(), null, Instant.ofEpochMilli(at(Duration.ofHours(1))), "", ""))
                .getMessage());
        }
    }

    @Test
    void shouldNotNotifyAnAlertInhibitedByAFiringSourceWithEqualLabels()
    {
        try (RuleTester t = RuleTester.start(dir, """
            alerts:
              evaluation_interval: 10s
              rules:
                - { name: outage, expr: { metric: grpc_error, aggregation: sum, window: 1m }, comparator: ">", threshold: 0,
                    severity: critical, labels: { team: bridge } }
                - { name: slow, expr: { metric: read_latency_us, aggregation: max, window: 10m }, comparator: ">",
                    threshold: 1000, severity: warning, labels: { team: bridge } }
                - { name: slow_elsewhere, expr: { metric: read_latency_us, aggregation: max, window: 10m }, comparator: ">",
                    threshold: 1000, severity: warning, labels: { team: other } }
              route: { group_wait: 0, group_interval: 1m, receivers: [ { type: listener } ] }
              inhibit_rules:
                - { source_match: { severity: critical }, target_match: { severity: warning }, equal: [team] }
            """))
        {
            t.add("grpc_error", 1, "code", "UNAVAILABLE");
            t.record("read_latency_us", 5000, 1);
            t.advanceTo(Duration.ZERO);
            assertEquals(List.of("outage", "slow_elsewhere"), alertnames(t.notifications()),
                "slow is inhibited by outage (same team); slow_elsewhere is not (other team)");
            assertTrue(t.alert("slow").inhibited());
            assertFalse(t.alert("slow_elsewhere").inhibited());

            t.advanceTo(Duration.ofSeconds(59));
            assertEquals(2, t.notifications().size());
            t.advanceTo(Duration.ofSeconds(60)); // the grpc error left the 1 min window: outage resolves
            assertEquals(List.of("outage", "slow_elsewhere", "outage", "slow"), alertnames(t.notifications()));
            assertEquals(AlertState.RESOLVED, t.notifications().get(2).status());
            assertEquals(AlertState.FIRING, t.notifications().get(3).status());
            assertFalse(t.alert("slow").inhibited());
        }
    }

    private static Alert alert(final RuleTester t, final String operation)
    {
        return t.alerts("errors").stream().filter(a -> a.labels().get("operation").equals(operation))
            .findFirst().orElseThrow();
    }

    private static List<String> operations(final AlertNotification n)
    {
        return n.alerts().stream().map(a -> a.labels().get("operation")).toList();
    }

    private static List<String> alertnames(final List<AlertNotification> notifications)
    {
        return notifications.stream().map(n -> n.groupLabels().get("alertname")).toList();
    }
}

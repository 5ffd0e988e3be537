package dev.bridge.analytics.alert;

import dev.bridge.analytics.config.AlertSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.bridge.analytics.alert.RuleTester.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alert state in {@code alerts.json} survives a restart: firing stays firing, pending keeps its elapsed time. */
class PersistenceTest
{
    private static final AlertSettings RULES = RuleTester.parse("""
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
          route: { group_wait: 0, group_interval: 25s, repeat_interval: 1h, receivers: [ { type: listener } ] }
        """);

    @TempDir
    Path dir;

    @Test
    void shouldKeepAFiringAlertFiringAndNotifiedAcrossARestart()
    {
        try (RuleTester t = RuleTester.start(dir, RULES, RuleTester.START_MS))
        {
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofSeconds(40));
            assertEquals(AlertState.FIRING, t.state("many_sessions"));
            assertEquals(1, t.notifications().size());
        }
        assertTrue(Files.exists(dir.resolve("alerts.json")));
        assertFalse(Files.exists(dir.resolve("alerts.json.tmp")), "written to a temp file, then renamed");

        try (RuleTester t = RuleTester.start(dir, RULES, at(Duration.ofMinutes(10))))
        {
            final Alert restored = t.alert("many_sessions");
            assertEquals(AlertState.FIRING, restored.state(), "before any evaluation");
            assertEquals(at(Duration.ZERO), restored.activeAtMs());
            assertEquals(at(Duration.ofSeconds(30)), restored.firedAtMs());
            assertEquals(20.0, restored.value());

            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofMinutes(11));
            assertEquals(AlertState.FIRING, t.state("many_sessions"));
            assertEquals(at(Duration.ofSeconds(30)), t.alert("many_sessions").firedAtMs());
            assertEquals(List.of(), t.notifications(), "notified before the restart; repeat_interval is 1 h");
        }
    }

    @Test
    void shouldKeepTheElapsedForTimeOfAPendingAlertAcrossARestart()
    {
        try (RuleTester t = RuleTester.start(dir, RULES, RuleTester.START_MS))
        {
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofSeconds(25)); // pending since 0 s; last evaluation at 20 s: 20 s of the 30 s elapsed
            assertEquals(AlertState.PENDING, t.state("many_sessions"));
        }
        final long restartMs = at(Duration.ofMinutes(10));
        try (RuleTester t = RuleTester.start(dir, RULES, restartMs))
        {
            assertEquals(AlertState.PENDING, t.state("many_sessions"));
            assertEquals(restartMs - 20_000, t.alert("many_sessions").activeAtMs(), "the downtime does not count");

            t.set("active_sessions", 20);
            t.advanceToMs(restartMs + 9_999);
            assertEquals(AlertState.PENDING, t.state("many_sessions"), "20 s elapsed at the evaluation at the restart");
            t.advanceToMs(restartMs + 10_000);
            assertEquals(AlertState.FIRING, t.state("many_sessions"), "30 s: 20 before the restart, 10 after");
            assertEquals(restartMs + 10_000, t.alert("many_sessions").firedAtMs());
        }
    }

    @Test
    void shouldKeepSilencesAcrossARestart()
    {
        final Silence silence;
        try (RuleTester t = RuleTester.start(dir, RULES, RuleTester.START_MS))
        {
            silence = t.manager().addSilence(Map.of("alertname", "many_sessions"), null,
                Instant.ofEpochMilli(at(Duration.ofHours(2))), "upgrade", "ops");
        }
        try (RuleTester t = RuleTester.start(dir, RULES, at(Duration.ofHours(1))))
        {
            assertEquals(List.of(silence), t.manager().silences());
            t.set("active_sessions", 20);
            t.advanceTo(Duration.ofMinutes(61));
            assertEquals(List.of(silence.id()), t.alert("many_sessions").silencedBy());
            assertEquals(List.of(), t.notifications());
        }
    }

    @Test
    void shouldMoveAnUnreadableStateFileAsideAndStartEmpty() throws IOException
    {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("alerts.json"), "{not json");
        try (RuleTester t = RuleTester.start(dir, RULES, RuleTester.START_MS))
        {
            assertEquals(List.of(), t.manager().alerts());
            assertEquals("{not json", Files.readString(dir.resolve("alerts.json.corrupt")));
            assertNull(t.state("many_sessions"));
        }
    }
}

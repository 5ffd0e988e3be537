package dev.bridge.analytics.alert;

import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.AlertSettings;
import dev.bridge.analytics.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine runs the alert agent on its own thread when there are rules, stops it at close, resumes at restart. */
@Timeout(60)
class EngineAlertsTest
{
    private static final AlertSettings RULES = RuleTester.MANY_SESSIONS;

    @TempDir
    Path dir;

    private EngineConfig config(final AlertSettings alerts)
    {
        return EngineConfig.defaults()
            .withEngine(b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000))
            .withAlerts(alerts);
    }

    @Test
    void shouldEvaluateOnTheAgentThreadOnTheEnginesClockAndResumeAfterARestart()
    {
        final ManualClock clock = new ManualClock(RuleTester.START_MS);
        final List<AlertNotification> notifications = new CopyOnWriteArrayList<>();
        try (AnalyticsEngine engine = AnalyticsEngine.start(config(RULES), clock))
        {
            assertTrue(engine.alerts().running());
            assertTrue(agentThreadAlive());
            engine.alerts().addListener(notifications::add);
            // the agent's first evaluation (at START_MS) must see no sessions: set the gauge only after it ran
            Await.until("the first evaluation", () -> engine.alerts().counts().evaluations() >= 1);
            engine.gauge("active_sessions").set(20);
            engine.flush();
            clock.set(RuleTester.START_MS + 1_000); // the next evaluation is due
            Await.until("one notification", () -> notifications.size() == 1);
            assertEquals(AlertState.FIRING, engine.alerts().alerts().get(0).state());
            assertEquals(RuleTester.START_MS + 1_000, engine.alerts().alerts().get(0).firedAtMs());
        }
        assertFalse(agentThreadAlive(), "close stops the agent thread");

        clock.set(RuleTester.START_MS + 60_000);
        try (AnalyticsEngine engine = AnalyticsEngine.start(config(RULES), clock))
        {
            final Alert restored = engine.alerts().snapshot().alerts().get(0);
            assertEquals(AlertState.FIRING, restored.state());
            assertEquals(RuleTester.START_MS + 1_000, restored.firedAtMs());
        }
    }

    @Test
    void shouldNotRunAnAgentWithoutRules()
    {
        try (AnalyticsEngine engine = AnalyticsEngine.start(config(AlertSettings.NONE), new ManualClock(RuleTester.START_MS)))
        {
            assertFalse(engine.alerts().running());
            assertFalse(agentThreadAlive());
            assertEquals(AlertsSnapshot.EMPTY.alerts(), engine.alerts().snapshot().alerts());
        }
    }

    private static boolean agentThreadAlive()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().equals("analytics-alerts") && t.isAlive());
    }
}

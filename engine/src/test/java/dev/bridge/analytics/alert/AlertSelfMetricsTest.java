package dev.bridge.analytics.alert;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.AlertSettings;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.testing.Await;
import dev.bridge.analytics.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The alert manager counts into the engine's self-metric registry directly: {@code engine.selfMetric(...)} equals
 * {@code alerts().counts()} with no sampling tick in between (resource sampling is off here).
 */
@Timeout(60)
class AlertSelfMetricsTest
{
    private static final AlertSettings RULES = RuleTester.MANY_SESSIONS;

    @TempDir
    Path dir;

    @Test
    void shouldReadTheAlertCountsFromTheRegistryWithoutASamplingTick()
    {
        final ManualClock clock = new ManualClock(RuleTester.START_MS);
        final EngineConfig config = EngineConfig.defaults()
            .withEngine(b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000))
            .withAlerts(RULES);
        try (AnalyticsEngine engine = AnalyticsEngine.start(config, clock))
        {
            engine.alerts().addListener(notification ->
            {
                throw new IllegalStateException("listener down");
            });
            Await.until("the first evaluation", () -> engine.alerts().counts().evaluations() == 1);
            engine.gauge("active_sessions").set(20);
            engine.flush();
            clock.set(RuleTester.START_MS + 1_000); // the second evaluation fires, the listener throws
            // the dispatch ends with the log receiver's notification, after the listener's error
            Await.until("one sink error and the log's notification",
                () -> engine.alerts().counts().sinkErrors() == 1 && engine.alerts().counts().notifications() == 1);

            final AlertCounts counts = engine.alerts().counts();
            assertEquals(2, counts.evaluations());
            assertEquals(2, engine.selfMetric(SelfMetric.ALERT_EVALUATIONS));
            assertEquals(counts.notifications(), engine.selfMetric(SelfMetric.ALERT_NOTIFICATIONS));
            assertEquals(1, engine.selfMetric(SelfMetric.ALERT_SINK_ERRORS));
            assertEquals(0, engine.selfMetric(SelfMetric.ALERT_EVALUATION_ERRORS));
        }
    }
}

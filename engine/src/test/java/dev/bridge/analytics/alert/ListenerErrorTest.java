package dev.bridge.analytics.alert;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.pipeline.SelfMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A receiver that throws is caught and counted; other receivers and the pipeline go on unaffected. */
class ListenerErrorTest
{
    @TempDir
    Path dir;

    @Test
    void shouldCountAThrowingListenerAndLeaveTheOtherListenersAndThePipelineUnaffected()
    {
        try (RuleTester t = RuleTester.start(dir, """
            alerts:
              evaluation_interval: 10s
              rules:
                - { name: reads, expr: { metric: variable_read, aggregation: sum, window: 1m }, comparator: ">",
                    threshold: 0, severity: info }
              route: { group_wait: 0, group_interval: 1m }
            """))
        {
            final List<AlertNotification> after = new CopyOnWriteArrayList<>();
            t.manager().addListener(n ->
            {
                throw new IllegalStateException("listener bug");
            });
            t.manager().addListener(after::add);

            for (int i = 0; i < 10_000; i++)
            {
                t.engine().counter("variable_read").increment();
            }
            t.advanceTo(Duration.ZERO); // fires at 0 s, notified at 0 s
            assertEquals(1, t.manager().counts().sinkErrors());
            assertEquals(1, t.notifications().size(), "the listener registered before the throwing one");
            assertEquals(1, after.size(), "the listener registered after it");

            t.advanceTo(Duration.ofMinutes(2)); // the reads left the 1 min window: resolved, notified at 2 min
            assertEquals(2, t.manager().counts().sinkErrors());
            assertEquals(2, after.size());
            assertEquals(AlertState.RESOLVED, after.get(1).status());

            t.engine().flush();
            final Stats reads = t.engine().queries().stats("variable_read", Map.of(), TimeRange.ALL);
            assertEquals(10_000, reads.sum());
            assertEquals(0, t.engine().selfMetric(SelfMetric.HANDLER_ERRORS));
            assertEquals(t.engine().eventsPublished(), t.engine().selfMetric(SelfMetric.EVENTS_AGGREGATED));
            assertEquals(0, t.manager().counts().evaluationErrors());
        }
    }

    @Test
    void shouldCountAFailingEvaluationAndKeepTheRulesAlerts()
    {
        try (RuleTester t = RuleTester.start(dir, """
            alerts:
              evaluation_interval: 10s
              rules:
                - { name: reads, expr: { metric: variable_read, aggregation: sum, window: 10m }, comparator: ">",
                    threshold: 0, severity: info }
            """))
        {
            t.add("variable_read", 1);
            t.advanceTo(Duration.ofSeconds(10));
            assertEquals(AlertState.FIRING, t.state("reads"));
            t.engine().close(); // every query now throws "engine is closed"
            t.manager().doWork(RuleTester.at(Duration.ofSeconds(20)));
            assertEquals(1, t.manager().counts().evaluationErrors());
            assertEquals(AlertState.FIRING, t.state("reads"), "a failed evaluation changes nothing");
        }
    }
}

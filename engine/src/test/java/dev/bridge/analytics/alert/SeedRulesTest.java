package dev.bridge.analytics.alert;

import dev.bridge.analytics.config.AlertSettings;
import dev.bridge.analytics.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.bridge.analytics.alert.RuleTester.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three rules shipped in config/analytics.yaml, tested like {@code promtool test rules}: a scripted DSPex
 * workload every 15 s (the evaluation interval) and the alert states and notifications at chosen times.
 */
class SeedRulesTest
{
    @TempDir
    Path dir;

    @Test
    void shouldFireHighErrorRateThenSlowReadsOnceTheInhibitingAlertResolved()
    {
        final AlertSettings shipped = EngineConfig.defaults().alerts();
        try (RuleTester t = RuleTester.start(dir, shipped, RuleTester.START_MS))
        {
            // 0..300 s: 100 reads of 20 ms, 10 read errors (10%), 95% cache hits, every 15 s
            for (int s = 0; s <= 300; s += 15)
            {
                step(t, 100, 10);
                t.advanceTo(Duration.ofSeconds(s + 15));
                if (s + 15 == 105)
                {
                    assertEquals(AlertState.PENDING, t.state("high_error_rate"), "for: 2m");
                }
                if (s + 15 == 120)
                {
                    final Alert errors = t.alert("high_error_rate");
                    assertEquals(AlertState.FIRING, errors.state());
                    assertEquals(at(Duration.ZERO), errors.activeAtMs());
                    assertEquals(0.1, errors.value(), 1e-12);
                    assertEquals(Map.of("summary", "Error rate 10% over the last 5 minutes (threshold 5%)"),
                        errors.annotations());
                    assertEquals(AlertState.PENDING, t.state("slow_reads"), "for: 5m");
                }
            }
            assertEquals(AlertState.FIRING, t.state("slow_reads"));
            assertEquals(at(Duration.ofSeconds(300)), t.alert("slow_reads").firedAtMs());
            assertEquals(20_000.0, t.alert("slow_reads").value());
            assertNull(t.state("low_cache_hit_rate"), "95% hits");
            assertEquals(List.of("high_error_rate firing at 150000"), summary(t), "group_wait 30 s after 120 s");

            // 315 s: a burst of 10000 good reads, then no more errors: the error rate drops below 5% at 330 s
            step(t, 10_000, 0);
            for (int s = 330; s <= 615; s += 15)
            {
                t.advanceTo(Duration.ofSeconds(s));
                if (s == 330)
                {
                    assertTrue(t.alert("slow_reads").inhibited(), "high_error_rate keeps firing 1 min");
                    assertEquals(AlertState.FIRING, t.state("high_error_rate"));
                }
                if (s == 390)
                {
                    assertEquals(AlertState.RESOLVED, t.state("high_error_rate"), "keep_firing_for: 1m since 330 s");
                }
                step(t, 100, 0);
            }
            t.advanceTo(Duration.ofSeconds(630));
            assertEquals(List.of("high_error_rate firing at 150000", "high_error_rate resolved at 450000",
                "slow_reads firing at 630000"), summary(t),
                "slow_reads was inhibited at its first flush (330 s); its next flush is group_interval later");
            assertNull(t.state("high_error_rate"), "forgotten once notified as resolved");
        }
    }

    private static void step(final RuleTester t, final int reads, final int errors)
    {
        t.add("variable_read", reads);
        t.record("read_latency_us", 20_000, 100);
        if (errors > 0)
        {
            t.add("operation_error", errors, "operation", "read");
        }
        t.add("cache_hit", 95);
        t.add("cache_miss", 5);
    }

    private static List<String> summary(final RuleTester t)
    {
        return t.notifications().stream().map(n -> n.groupLabels().get("alertname") + " " + n.status().spelling() +
            " at " + (n.timestampMs() - RuleTester.START_MS)).toList();
    }
}

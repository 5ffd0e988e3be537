package dev.bridge.analytics;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A new engine on the same directory sees all history and continues the open bucket instead of overwriting it. */
class RestartTest
{
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void shouldKeepHistoryAcrossRestartsAndContinueTheSameBucket()
    {
        final ManualClock clock = new ManualClock(T0);
        try (AnalyticsEngine first = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            first.counter("operation_error", "operation", "write").add(4);
            first.histogram("write_latency_us").record(250);
            first.histogram("write_latency_us").record(750);
        }
        clock.set(T0 + 400); // same raw bucket
        try (AnalyticsEngine second = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            assertFalse(second.recoveredStore());
            assertEquals(4, second.queries().stats("operation_error", Map.of("operation", "write"), TimeRange.ALL).sum());
            second.counter("operation_error", "operation", "write").add(1);
            second.histogram("write_latency_us").record(500);
            second.flush();
            assertEquals(5, second.queries().stats("operation_error", TimeRange.ALL).sum());
            final Stats latency = second.queries().stats("write_latency_us", TimeRange.ALL);
            assertEquals(3, latency.count());
            assertEquals(1500, latency.sum());
            assertEquals(3, second.queries().distribution("write_latency_us", Map.of(), TimeRange.ALL).getTotalCount());
            assertEquals(500.0, second.queries().distribution("write_latency_us", Map.of(), TimeRange.ALL).getMean(), 1.0);
        }
    }

    @Test
    void shouldRefuseASecondEngineOnTheSameDirectory()
    {
        try (AnalyticsEngine first = AnalyticsEngine.start(TestConfigs.inDirectory(dir)))
        {
            final StoreException ex = assertThrows(StoreException.class,
                () -> AnalyticsEngine.start(TestConfigs.inDirectory(dir)));
            assertEquals(dir + ": is already open by another engine in this JVM: close it first, or use another data_directory",
                ex.getMessage());
        }
    }
}

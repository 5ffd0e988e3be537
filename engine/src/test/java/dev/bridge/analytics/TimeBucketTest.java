package dev.bridge.analytics;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.pipeline.SelfMetric;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Raw buckets with an injected clock: exact boundaries, gauges keep the last value by publish order. */
class TimeBucketTest
{
    private static final long T0 = 1_700_000_000_000L; // a whole second

    @TempDir
    Path dir;
    private ManualClock clock;
    private AnalyticsEngine engine;

    @BeforeEach
    void start()
    {
        clock = new ManualClock(T0);
        engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock);
    }

    @AfterEach
    void stop()
    {
        engine.close();
    }

    private Stats between(final String metric, final long fromMs, final long toMs)
    {
        return engine.queries().stats(metric, TimeRange.between(Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs)));
    }

    @Test
    void shouldPutEventsOfTheLastMillisecondInTheBucketAndTheNextInTheNext()
    {
        final CounterHandle reads = engine.counter("variable_read");
        reads.add(1);
        engine.flush();
        clock.set(T0 + 999);
        reads.add(10);
        engine.flush();
        clock.set(T0 + 1000);
        reads.add(100);
        engine.flush();
        clock.set(T0 + 2999);
        reads.add(1000);
        engine.flush();

        assertEquals(11, between("variable_read", T0, T0 + 1000).sum());
        assertEquals(100, between("variable_read", T0 + 1000, T0 + 2000).sum());
        assertEquals(1000, between("variable_read", T0 + 2000, T0 + 3000).sum());
        assertEquals(1111, between("variable_read", T0, T0 + 3000).sum());
        assertEquals(0, between("variable_read", T0 + 3000, T0 + 60_000).count());
        assertEquals(4, engine.queries().stats("variable_read", TimeRange.ALL).count());
    }

    @Test
    void shouldKeepTheLastGaugeValueByPublishOrderAndMinMaxMean()
    {
        final GaugeHandle sessions = engine.gauge("active_sessions");
        sessions.set(5);
        sessions.set(3);
        sessions.set(9);
        sessions.set(4);
        engine.flush();

        final Stats stats = between("active_sessions", T0, T0 + 1000);
        assertEquals(4, stats.count());
        assertEquals(4L, stats.last());
        assertEquals(3L, stats.min());
        assertEquals(9L, stats.max());
        assertEquals(5.25, stats.mean());
        assertEquals(Math.sqrt((25 + 9 + 81 + 16) / 4.0 - 5.25 * 5.25), stats.stddev(), 1e-9);

        clock.set(T0 + 1000);
        sessions.set(-2);
        engine.flush();
        assertEquals(-2L, between("active_sessions", T0, T0 + 2000).last());
        assertEquals(4L, between("active_sessions", T0, T0 + 1000).last());
    }

    @Test
    void shouldMergeLateEventsIntoTheirStoredBucketAndCountThem()
    {
        final HistogramHandle latency = engine.histogram("read_latency_us");
        latency.record(100);
        engine.flush();
        clock.set(T0 + 5_000);
        latency.record(50);                // the bucket of now: the series' live bucket moves on
        latency.recordAt(300, T0 + 10);    // late: merged into the stored bucket of T0
        latency.recordAt(700, T0 + 3_500); // late too, a bucket of its own
        engine.flush();

        assertEquals(2, engine.selfMetric(SelfMetric.EVENTS_LATE));
        final Stats first = between("read_latency_us", T0, T0 + 1000);
        assertEquals(2, first.count());
        assertEquals(400, first.sum());
        assertEquals(2, engine.queries().distribution("read_latency_us", Map.of(),
            TimeRange.between(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 1000))).getTotalCount());
        assertEquals(700, between("read_latency_us", T0 + 3000, T0 + 4000).sum());
        assertEquals(50, between("read_latency_us", T0 + 5000, T0 + 6000).sum());
        assertEquals(1150, engine.queries().stats("read_latency_us", TimeRange.ALL).sum());
    }

    @Test
    void shouldRejectExplicitTimestampsOutsideRetentionOrInTheFuture()
    {
        final CounterHandle reads = engine.counter("variable_read");
        final long longTermRetentionMs = 30L * 24 * 3_600_000L;
        reads.addAt(1, T0 + 1_000);                        // a bucket ahead: rejected
        reads.addAt(2, T0 - longTermRetentionMs - 1);      // older than the longest retention: rejected
        reads.addAt(4, T0 - 2 * 3_600_000L);               // past raw_retention (1h): kept in the rollups only
        reads.addAt(8, T0 + 999);                          // the current bucket: kept
        engine.flush();
        assertEquals(2, engine.selfMetric(SelfMetric.EVENTS_REJECTED));
        assertEquals(1, engine.selfMetric(SelfMetric.VALUES_EXPIRED));
        assertEquals(12, engine.queries().stats("variable_read", TimeRange.ALL).sum());
        assertEquals(8, engine.queries().stats("variable_read", TimeRange.LAST_MINUTE).sum());
    }

    @Test
    void shouldKeepStampingTheLatestTimeWhenTheClockStepsBack()
    {
        final CounterHandle reads = engine.counter("variable_read");
        clock.set(T0 + 10_000);
        reads.add(1);
        engine.flush();
        clock.set(T0);                                     // the clock steps back 10 s
        reads.add(2);
        engine.flush();
        assertEquals(3, between("variable_read", T0 + 10_000, T0 + 11_000).sum());
        assertEquals(0, engine.selfMetric(SelfMetric.EVENTS_LATE));
    }

    @Test
    void shouldAnswerRelativeRangesFromTheClock()
    {
        final CounterHandle writes = engine.counter("variable_write");
        writes.add(7);
        engine.flush();
        clock.set(T0 + 59_000);
        writes.add(5);
        engine.flush();
        assertEquals(12, engine.queries().stats("variable_write", TimeRange.LAST_MINUTE).sum());
        clock.set(T0 + 60_000);
        assertEquals(5, engine.queries().stats("variable_write", TimeRange.LAST_MINUTE).sum());
        assertEquals(12, engine.queries().stats("variable_write", TimeRange.LAST_HOUR).sum());
        assertNull(engine.queries().stats("variable_delete", TimeRange.LAST_HOUR).mean());
    }
}

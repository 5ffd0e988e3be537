package dev.bridge.analytics;

import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.query.PercentileResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** optimization_duration_ms keeps 1000 raw samples per raw bucket: ranges that fit answer exactly. */
class ExactPercentileTest
{
    private static final long T0 = 1_700_000_040_000L;
    private static final double[] PS = { 0.0, 0.5, 0.9, 0.99, 1.0 };

    @TempDir
    Path dir;

    @Test
    void shouldAnswerExactlyWhileEveryBucketKeptItsSamplesAndFallBackToTheHistogramAfter()
    {
        final ManualClock clock = new ManualClock(T0);
        final long[] values = new long[2_400];
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < values.length; i++)
        {
            values[i] = 1 + random.nextLong(3_600_000L);
        }
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            final HistogramHandle durations = engine.histogram("optimization_duration_ms");
            for (int i = 0; i < 1_400; i++) // 700 in each of two buckets: both fit their 1000-sample window
            {
                if (i == 700)
                {
                    engine.flush();
                    clock.set(T0 + 1_000);
                }
                durations.record(values[i]);
            }
            engine.flush();
            final TimeRange twoSeconds = TimeRange.between(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 2_000));
            final PercentileResult exact = engine.queries().percentiles("optimization_duration_ms", Map.of(), twoSeconds, PS);
            assertEquals(PercentileResult.EXACT_MODE, exact.mode());
            assertEquals(0.0, exact.relativeError());
            assertEquals(1_400, exact.count());
            final long[] sorted = Arrays.copyOf(values, 1_400);
            Arrays.sort(sorted);
            for (final double p : PS)
            {
                assertEquals(sorted[Math.max(0, (int)Math.ceil(p * 1_400) - 1)], exact.values().get(p), "p" + p);
            }
            assertEquals(PercentileResult.EXACT_MODE,
                engine.queries().percentiles("optimization_duration_ms", Map.of(), TimeRange.LAST_MINUTE, 0.5).mode());

            clock.set(T0 + 2_000);
            for (int i = 1_400; i < 2_400; i++) // 1000 more, plus 1: past the window of this bucket
            {
                durations.record(values[i]);
            }
            durations.record(5);
            engine.flush();
            final PercentileResult histogram = engine.queries().percentiles("optimization_duration_ms", Map.of(),
                TimeRange.between(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 3_000)), PS);
            assertEquals(PercentileResult.HISTOGRAM_MODE, histogram.mode());
            assertEquals(0.001, histogram.relativeError(), 1e-12);
            assertEquals(2_401, histogram.count());
            // the first two buckets still answer exactly on their own
            assertEquals(PercentileResult.EXACT_MODE,
                engine.queries().percentiles("optimization_duration_ms", Map.of(), twoSeconds, 0.5).mode());
        }
        try (AnalyticsEngine reopened = AnalyticsEngine.start(TestConfigs.inDirectory(dir), clock))
        {
            assertEquals(PercentileResult.EXACT_MODE, reopened.queries().percentiles("optimization_duration_ms", Map.of(),
                TimeRange.between(Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 2_000)), 0.5).mode());
        }
    }
}

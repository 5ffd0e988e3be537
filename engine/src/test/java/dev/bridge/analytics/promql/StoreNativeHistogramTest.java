package dev.bridge.analytics.promql;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.SeededTries;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.query.NativeBuckets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's histogram series as PromQL native histograms ({@link StorePromqlSource}, {@link NativeSamples}):
 * exact count, sum and buckets of a small case, and {@code histogram_quantile} within the schema's stated error
 * ({@code 2^(2^-schema) - 1} plus HdrHistogram's {@code 10^-digits}) of the engine's own percentile.
 */
class StoreNativeHistogramTest
{
    private static final long T0 = 1_700_000_040_000L; // a whole minute
    private static final int SCHEMA = NativeBuckets.schemaFor(3);

    @TempDir
    Path dir;

    private static AnalyticsEngine start(final Path dir, final ManualClock clock)
    {
        return AnalyticsEngine.start(EngineConfig.defaults().withEngine(b ->
            b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000)), clock);
    }

    private static Value eval(final AnalyticsEngine engine, final String query, final long timeMs)
    {
        final Expr expr = PromqlParser.parse(query);
        final StorePromqlSource source = new StorePromqlSource(engine.queries(),
            BucketWidths.forInstant(expr, timeMs, PromqlEvaluator.DEFAULT_LOOKBACK_MS));
        return new PromqlEvaluator(source, PromqlEvaluator.DEFAULT_LOOKBACK_MS).instant(expr, timeMs);
    }

    private static double scalarOf(final Value v)
    {
        final List<Value.Sample> samples = ((Value.Vector)v).samples();
        assertEquals(1, samples.size(), samples.toString());
        return samples.get(0).value();
    }

    @Test
    void shouldSampleTheRunningNativeHistogramAtEachStepEnd()
    {
        final ManualClock clock = new ManualClock(T0 + 500);
        try (AnalyticsEngine engine = start(dir, clock))
        {
            // 1 us twice, 2 us once in the first 15 s step; 4 us in the second
            engine.histogram("read_latency_us").record(1);
            engine.histogram("read_latency_us").record(1);
            engine.histogram("read_latency_us").record(2);
            engine.flush();
            clock.set(T0 + 16_500);
            engine.histogram("read_latency_us").record(4);
            engine.flush();
            clock.set(T0 + 31_000);

            final Value.Matrix m = (Value.Matrix)eval(engine, "dspex_read_latency_seconds[30s]", T0 + 31_000);

            assertEquals(1, m.series().size());
            final SeriesSamples s = m.series().get(0);
            assertEquals(Labels.of(Map.of("__name__", "dspex_read_latency_seconds")), s.labels());
            assertEquals(2, s.size());
            assertEquals(List.of(T0 + 15_000, T0 + 30_000), List.of(s.timestampsMs()[0], s.timestampsMs()[1]));
            final int i1 = NativeBuckets.index(1e-6, SCHEMA);
            final int i2 = NativeBuckets.index(2e-6, SCHEMA);
            final int i4 = NativeBuckets.index(4e-6, SCHEMA);
            assertEquals(new NativeHistogram(SCHEMA, 3, 4e-6, 0, new int[] { i1, i2 }, new double[] { 2, 1 }),
                s.histogram(0));
            assertEquals(new NativeHistogram(SCHEMA, 4, 8e-6, 0, new int[] { i1, i2, i4 }, new double[] { 2, 1, 1 }),
                s.histogram(1));
            // a histogram stays counted from its creation, whatever the window
            clock.set(T0 + 61_000);
            assertEquals(4.0, scalarOf(eval(engine, "histogram_count(dspex_read_latency_seconds)", T0 + 61_000)));
        }
    }

    @Test
    void shouldAnswerNativeQuantilesWithinTheSchemasErrorOfTheEnginesPercentile()
    {
        final double stated = Math.pow(2, Math.pow(2, -SCHEMA)) - 1 + 1e-3;
        SeededTries.check(0x5eed_ca7eL, 3, StoreNativeHistogramTest::latencies, values ->
        {
            final Path own = dir.resolve("try-" + values[0] + "-" + values.length);
            final ManualClock clock = new ManualClock(T0 + 500);
            try (AnalyticsEngine engine = start(own, clock))
            {
                long sum = 0;
                for (final long v : values)
                {
                    engine.histogram("read_latency_us").record(v);
                    sum += v;
                }
                engine.flush();
                clock.set(T0 + 61_000); // the 1 min rollup bucket holding the values has ended
                assertEquals(values.length,
                    scalarOf(eval(engine, "histogram_count(dspex_read_latency_seconds)", T0 + 61_000)));
                assertEquals(sum * 1e-6,
                    scalarOf(eval(engine, "histogram_sum(dspex_read_latency_seconds)", T0 + 61_000)), sum * 1e-15);
                for (final double q : new double[] { 0.01, 0.1, 0.5, 0.9, 0.99, 0.999 })
                {
                    final double engineSeconds = engine.queries().percentile("read_latency_us", Map.of(),
                        TimeRange.ALL, q) * 1e-6;
                    final double promql = scalarOf(eval(engine,
                        "histogram_quantile(" + q + ", dspex_read_latency_seconds)", T0 + 61_000));
                    final double relative = Math.abs(promql - engineSeconds) / engineSeconds;
                    assertTrue(relative <= stated, "q " + q + ": PromQL " + promql + " s, engine " + engineSeconds +
                        " s, relative error " + relative + " > " + stated);
                }
            }
        });
    }

    /** @return 2,000 to 5,000 latencies, log-uniform in 1 us .. 10 s. */
    private static long[] latencies(final SplittableRandom random)
    {
        final long[] values = new long[2_000 + random.nextInt(3_001)];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = Math.max(1, Math.round(Math.pow(10, random.nextDouble(7))));
        }
        return values;
    }
}

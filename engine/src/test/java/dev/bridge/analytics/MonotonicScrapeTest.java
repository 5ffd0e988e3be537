package dev.bridge.analytics;

import dev.bridge.analytics.promql.BucketWidths;
import dev.bridge.analytics.promql.Expr;
import dev.bridge.analytics.promql.PromqlEvaluator;
import dev.bridge.analytics.promql.PromqlParser;
import dev.bridge.analytics.promql.StorePromqlSource;
import dev.bridge.analytics.promql.Value;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.export.ExportFormat;
import dev.bridge.analytics.export.HistogramExport;
import dev.bridge.analytics.export.SeriesExport;
import dev.bridge.analytics.export.SnapshotPart;
import dev.bridge.analytics.store.BucketKey;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreCapacity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /metrics} exports running totals since each series was created: driven with a manual clock far past the
 * longest retention (240 s here), through a restart, the scraped counter, histogram count, sum and buckets grow by
 * exactly what was recorded at each step and {@code _created} stays at the first event, in the snapshot and in both
 * text formats; a store without totals (written before they were kept) continues from what it retains.
 */
class MonotonicScrapeTest
{
    private static final long T0 = 1_700_000_040_000L; // a whole minute
    private static final int STEPS = 600;
    private static final int RESTART_AT = 300;

    @TempDir
    Path dir;

    private static AnalyticsEngine start(final Path dir, final ManualClock clock)
    {
        return AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b
            .rawRetention(Duration.ofSeconds(10)).aggregationInterval(Duration.ofSeconds(60))
            .retentionPeriod(Duration.ofSeconds(120)).longTermInterval(Duration.ofSeconds(120))
            .longTermRetention(Duration.ofSeconds(240))), clock);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldNeverExportADecreasingCounterOrAMovingCreatedPastRetentionAndRestart() throws Exception
    {
        final ManualClock clock = new ManualClock(T0);
        Map<String, Double> previousText = Map.of();
        Map<String, Double> previousOpenMetrics = Map.of();
        long latencySum = 0;
        AnalyticsEngine engine = start(dir, clock);
        try
        {
            for (int step = 0; step < STEPS; step++)
            {
                if (step == RESTART_AT)
                {
                    engine.close();
                    engine = start(dir, clock);
                }
                clock.set(T0 + step * 1000L);
                final long latencyUs = 100 + step; // below 2048: HdrHistogram keeps every value exactly
                engine.counter("variable_read").increment();
                engine.histogram("read_latency_us").record(latencyUs);
                latencySum += latencyUs;
                engine.flush();

                final long expectedCount = step + 1;
                final SeriesExport reads = series(engine, "variable_read");
                assertEquals(expectedCount, reads.total(), "reads at step " + step);
                assertEquals(T0, reads.createdMs(), "reads created at step " + step);
                final SeriesExport latency = series(engine, "read_latency_us");
                assertEquals(T0, latency.createdMs(), "latency created at step " + step);
                final HistogramExport h = latency.histogram();
                assertEquals(expectedCount, h.count(), "latency count at step " + step);
                assertEquals(latencySum, h.sum(), "latency sum at step " + step);
                for (int i = 0; i < h.bucketCount(); i++)
                {
                    final long atMostBound = Math.max(0, Math.min(expectedCount, (long)Math.floor(h.upperBound(i)) - 100 + 1));
                    assertEquals(atMostBound, h.cumulativeCount(i), "latency bucket le=" + h.upperBound(i) + " at step " + step);
                }

                previousText = assertGrew(previousText, scrape(engine, ExportFormat.PROMETHEUS), step);
                previousOpenMetrics = assertGrew(previousOpenMetrics, scrape(engine, ExportFormat.OPENMETRICS), step);
            }
            // retention removed all but the last 240 s, the scrape still counts every event
            assertTrue(engine.queries().stats("variable_read", TimeRange.ALL).count() < STEPS);
            assertEquals((double)STEPS, previousText.get("dspex_variable_read_total"));
            assertEquals(T0 / 1000.0, previousText.get("dspex_variable_read_created"));
            assertEquals((double)STEPS, previousOpenMetrics.get("dspex_read_latency_seconds_count"));
            assertFalse(scrape(engine, ExportFormat.PROTOBUF).isEmpty());
        }
        finally
        {
            engine.close();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldAnswerPromqlWithTheExportedRunningTotalsPastRetention() throws Exception
    {
        final ManualClock clock = new ManualClock(T0);
        // raw buckets kept 60 s: the last four 15 s steps can be sampled from them
        try (AnalyticsEngine engine = AnalyticsEngine.start(TestConfigs.inDirectory(dir, b -> b
            .rawRetention(Duration.ofSeconds(60)).aggregationInterval(Duration.ofSeconds(60))
            .retentionPeriod(Duration.ofSeconds(120)).longTermInterval(Duration.ofSeconds(120))
            .longTermRetention(Duration.ofSeconds(240))), clock))
        {
            for (int step = 0; step < STEPS; step++)
            {
                clock.set(T0 + step * 1000L);
                engine.counter("variable_read").increment();
                engine.histogram("read_latency_us").record(100 + step);
                engine.flush();
            }
            clock.set(T0 + STEPS * 1000L + 500);
            assertTrue(engine.queries().stats("variable_read", TimeRange.ALL).count() < STEPS, "retention removed the first ones");
            // a sample at the 15 s step end G counts the seconds that ended by G: (G - T0) / 1000 values
            for (final long g : new long[]{ T0 + 585_000, T0 + 600_000 })
            {
                final long n = (g - T0) / 1000;
                assertEquals(n, promql(engine, "last_over_time(dspex_variable_read_total[30s])", g), "reads at " + g);
                assertEquals(n, promql(engine, "last_over_time(dspex_read_latency_seconds_count[30s])", g), "count at " + g);
                // values 100 .. 100 + step, one per second: le=250us counts 100 .. 250 (151 of them)
                assertEquals(151, promql(engine, "last_over_time(dspex_read_latency_seconds_bucket{le=\"2.5E-4\"}[30s])", g),
                    "le=250us at " + g);
                assertEquals((n * 100 + n * (n - 1) / 2) / 1e6,
                    promql(engine, "last_over_time(dspex_read_latency_seconds_sum[30s])", g), 1e-12, "sum at " + g);
            }
            // an instant selector's 5 min look-back reaches past every retention: the coarsest fitting resolution
            // (120 s) answers its last closed bucket's end, the scrape's total
            assertEquals((double)series(engine, "variable_read").total(),
                promql(engine, "dspex_variable_read_total", T0 + STEPS * 1000L));
            assertEquals(STEPS, promql(engine, "dspex_read_latency_seconds_count", T0 + STEPS * 1000L));
        }
    }

    /** @return the value of the single sample of {@code expr} evaluated over the engine's store at {@code timeMs}. */
    private static double promql(final AnalyticsEngine engine, final String expr, final long timeMs)
    {
        final Expr parsed = PromqlParser.parse(expr);
        final StorePromqlSource source = new StorePromqlSource(
            engine.queries(), BucketWidths.forInstant(parsed, timeMs,
                PromqlEvaluator.DEFAULT_LOOKBACK_MS));
        final Value value = new PromqlEvaluator(source,
            PromqlEvaluator.DEFAULT_LOOKBACK_MS).instant(parsed, timeMs);
        final List<Value.Sample> samples =
            ((Value.Vector)value).samples();
        assertEquals(1, samples.size(), () -> expr + " answered " + samples);
        return samples.get(0).value();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldContinueAStoreWithoutTotalsFromWhatItRetains() throws Exception
    {
        final ManualClock clock = new ManualClock(T0);
        final int steps = 400;
        try (AnalyticsEngine engine = start(dir, clock))
        {
            for (int step = 0; step < steps; step++)
            {
                clock.set(T0 + step * 1000L);
                engine.counter("variable_read").increment();
                engine.flush();
            }
        }
        removeTotals(dir); // what a store written before totals were kept holds
        try (AnalyticsEngine engine = start(dir, clock))
        {
            final long retained = engine.queries().stats("variable_read", TimeRange.ALL).count();
            assertTrue(retained > 0 && retained < steps, "retained " + retained);
            assertEquals(retained, series(engine, "variable_read").total(), "totals start from what the store keeps");
            assertEquals(T0, series(engine, "variable_read").createdMs(), "created stays at the first event ever");
            for (int step = steps; step < steps + 300; step++) // past the longest retention again
            {
                clock.set(T0 + step * 1000L);
                engine.counter("variable_read").increment();
                engine.flush();
                assertEquals(retained + step - steps + 1, series(engine, "variable_read").total(), "at step " + step);
            }
        }
    }

    /** Removes every series' running totals, as in a store written before they were kept. */
    private static void removeTotals(final Path dir)
    {
        try (MetricStore store = MetricStore.openForWriting(dir, StoreCapacity.forEntries(100_000, 10_000)))
        {
            final var aggregates = store.newAggregateWriter();
            final var histograms = store.newHistogramWriter();
            for (final int id : store.series().values())
            {
                aggregates.remove(BucketKey.totals(id));
                histograms.remove(BucketKey.totals(id));
            }
        }
    }

    private static SeriesExport series(final AnalyticsEngine engine, final String metric)
    {
        for (final SeriesExport s : engine.queries().totals(EnumSet.noneOf(SnapshotPart.class)).series())
        {
            if (s.metric().name().equals(metric) && s.labels().isEmpty())
            {
                return s;
            }
        }
        throw new AssertionError("no series " + metric);
    }

    private static String scrape(final AnalyticsEngine engine, final ExportFormat format) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.queries().scrape(format, out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * @return the samples of every catalog counter and histogram family in {@code text} (name and labels -> value),
     *         after checking that none is below, and no {@code _created} differs from, the previous scrape's.
     */
    private static Map<String, Double> assertGrew(final Map<String, Double> previous, final String text, final int step)
    {
        final Map<String, Double> samples = new HashMap<>();
        for (final String line : text.split("\n"))
        {
            if (line.startsWith("#") || line.isBlank() || line.startsWith("dspex_engine_"))
            {
                continue;
            }
            final int space = line.lastIndexOf(' ');
            final String name = line.substring(0, space);
            final String family = name.contains("{") ? name.substring(0, name.indexOf('{')) : name;
            if (family.endsWith("_total") || family.endsWith("_count") || family.endsWith("_sum") ||
                family.endsWith("_bucket") || family.endsWith("_created"))
            {
                samples.put(name, Double.parseDouble(line.substring(space + 1)));
            }
        }
        for (final Map.Entry<String, Double> before : previous.entrySet())
        {
            final Double now = samples.get(before.getKey());
            assertNotNull(now, before.getKey() + " disappeared at step " + step);
            if (before.getKey().contains("_created"))
            {
                assertEquals(before.getValue(), now, before.getKey() + " moved at step " + step);
            }
            else
            {
                assertTrue(now >= before.getValue(), before.getKey() + " fell from " + before.getValue() + " to " + now +
                    " at step " + step);
            }
        }
        return samples;
    }
}

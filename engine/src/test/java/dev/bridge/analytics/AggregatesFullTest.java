package dev.bridge.analytics;

import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.store.MetricStore;
import dev.bridge.analytics.store.StoreCapacity;
import dev.bridge.analytics.store.StoreException;
import dev.bridge.analytics.store.StoreWriteFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store whose aggregate map fills refuses answers over ranges that reach the buckets it could not write (such an
 * answer would sum a subset of the range and look complete), in the writing engine and in a reader opened later;
 * ranges that end before the earliest lost bucket are answered exactly.
 */
class AggregatesFullTest
{
    private static final long T0 = 1_699_999_200_000L; // an hour boundary
    private static final int SECONDS = 3_600;
    private static final int LABELS = 5;

    @TempDir
    Path dir;

    private EngineConfig config() throws Exception
    {
        return EngineConfig.parse("engine:\n  data_directory: " + dir + "\n  store_entries: 200000\n" +
            "  resource_sampling_interval: 0s\nmetrics:\n  req:\n    type: counter\n    unit: requests\n" +
            "    help: x\n    labels: [op]\n", "full.yaml");
    }

    @Test
    void shouldRefuseRangesThatReachBucketsWhoseAggregatesWereNotStoredAndAnswerTheRestExactly() throws Exception
    {
        // a store created with a small aggregate map: it fills a few minutes into the hour
        MetricStore.openForWriting(dir, new StoreCapacity(2_000, 1_000, 1_000, 16_384)).close();
        final ManualClock clock = new ManualClock(T0);
        final long lostFromSec;
        final AnalyticsEngine engine = AnalyticsEngine.start(config(), clock);
        try
        {
            final CounterHandle[] handles = new CounterHandle[LABELS];
            for (int k = 0; k < LABELS; k++)
            {
                handles[k] = engine.counter("req", "op", "o" + k);
            }
            int refusedCommits = 0;
            for (int i = 0; i < SECONDS; i++)
            {
                clock.set(T0 + i * 1000L);
                for (final CounterHandle handle : handles)
                {
                    handle.increment();
                }
                try
                {
                    engine.flush(); // one raw bucket per series and second, committed as the clock moves on
                }
                catch (final IllegalStateException full)
                {
                    refusedCommits++;
                }
            }
            assertTrue(refusedCommits > 0, "the store fills");

            lostFromSec = Long.parseLong(Files.readString(dir.resolve(StoreWriteFailures.AGGREGATES_LOST_FROM_FILE)).trim());
            assertTrue(lostFromSec > T0 / 1000 + 60 && lostFromSec < T0 / 1000 + SECONDS, "lost from " + lostFromSec);
            assertAnswersEndBeforeTheLoss(engine.queries(), lostFromSec);
        }
        finally
        {
            try
            {
                engine.close();
            }
            catch (final IllegalStateException ex)
            {
                // the last commit cannot write the live buckets either
            }
        }
        try (AnalyticsReader reader = AnalyticsReader.open(config(), dir, clock))
        {
            assertAnswersEndBeforeTheLoss(reader.queries(), lostFromSec);
        }
    }

    private void assertAnswersEndBeforeTheLoss(final AnalyticsQueries queries, final long lostFromSec)
    {
        final StoreException all = assertThrows(StoreException.class, () -> queries.stats("req", Map.of(), TimeRange.ALL));
        assertEquals(dir + ": answers over this range would miss buckets from " + Instant.ofEpochSecond(lostFromSec) +
            " on: the store refused to write their aggregates (aggregates.dat is full; its write-failures.log, " +
            "engine_store_write_failures), so they are not answered; ranges that end before then are complete. Rebuild " +
            "the store with a larger engine.store_entries (snapshot it, start on a new data_directory, merge the snapshot)",
            all.getMessage());
        final Instant from = Instant.ofEpochMilli(T0);
        assertThrows(StoreException.class, () -> queries.stats("req", Map.of(),
            TimeRange.between(from, Instant.ofEpochSecond(lostFromSec + 1))));

        final long completeToSec = lostFromSec - Math.floorMod(lostFromSec, 60L);
        final Stats complete = queries.stats("req", Map.of(), TimeRange.between(from, Instant.ofEpochSecond(completeToSec)));
        assertEquals((completeToSec - T0 / 1000) * LABELS, complete.count(), "every value before the loss");
        assertEquals((completeToSec - T0 / 1000) * LABELS, complete.sum());
    }
}

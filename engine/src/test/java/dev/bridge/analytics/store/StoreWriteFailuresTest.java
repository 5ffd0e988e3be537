package dev.bridge.analytics.store;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A full map refuses writes loudly: each refused write is counted once and thrown; the loss is recorded on disk. */
class StoreWriteFailuresTest
{
    private static final String PROBLEM = ": cannot write a bucket: the map is full (or damaged); the bucket stays " +
        "in memory and is retried at each commit, counted in engine_store_write_failures. Raise engine.store_entries " +
        "and rebuild the store (a store keeps the capacity it was created with): snapshot it, start on a new " +
        "data_directory, merge the snapshot";

    @TempDir
    Path dir;

    @Test
    void shouldCountEachRefusedAggregateWriteAndRecordTheLossOnce() throws IOException
    {
        try (MetricStore store = MetricStore.openForWriting(dir, new StoreCapacity(1_000, 1_000, 1_000, 1_000)))
        {
            final AggregateWriter writer = store.newAggregateWriter();
            assertFalse(store.lostWrites());
            int written = 0;
            while (written < 1_000_000)
            {
                try
                {
                    writer.write(BucketKey.raw(1, 1_000 + written), 1, 1, 1, 1, 1, 1);
                    written++;
                }
                catch (final StoreException ex)
                {
                    assertEquals(dir.resolve("aggregates.dat") + PROBLEM, ex.getMessage());
                    break;
                }
            }
            for (int retry = 0; retry < 4; retry++)
            {
                final long key = BucketKey.raw(1, 1_000 + written + retry);
                assertThrows(StoreException.class, () -> writer.write(key, 1, 1, 1, 1, 1, 1));
            }

            assertEquals(5, store.writeFailures());
            assertTrue(store.lostWrites());
            final List<String> log = Files.readAllLines(dir.resolve(StoreWriteFailures.FILE));
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.get(0).contains(" aggregates.dat (" + written + " entries): java.lang.IllegalStateException"), log.get(0));
        }
    }

    @Test
    void shouldCountARefusedHistogramWrite()
    {
        try (MetricStore store = MetricStore.openForWriting(dir, new StoreCapacity(1_000, 1_000, 1_000, 1_000)))
        {
            final HistogramWriter writer = store.newHistogramWriter();
            final Histogram histogram = new Histogram(1, 60_000_000L, 3);
            for (long v = 1; v < 60_000_000L; v = v * 11 / 10 + 1)
            {
                histogram.recordValue(v); // ~1.4 KB encoded: the map runs out of space before entries
            }
            int failures = 0;
            for (int i = 0; i < 20_000 && failures < 3; i++)
            {
                try
                {
                    writer.write(BucketKey.raw(2, i), histogram);
                }
                catch (final StoreException ex)
                {
                    assertEquals(dir.resolve("histograms.dat") + PROBLEM, ex.getMessage());
                    failures++;
                }
            }

            assertEquals(3, failures);
            assertEquals(3, store.writeFailures());
        }
    }
}

package dev.bridge.analytics.store;

import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer's process reads the totals from its copy: exactly what the map holds after writes, removals and a
 * reopen (compared with a reader of the same directory, which reads the map); a reader thread never sees a record
 * half written.
 */
class TotalsCacheTest
{
    /** Without the sequence lock, a reader saw a torn record in 2 of 3 runs of 2,000,000 writes. */
    private static final long WRITES = 5_000_000;

    @TempDir
    Path dir;

    private static void write(final AggregateWriter writer, final int id, final long count)
    {
        writer.write(BucketKey.totals(id), count, 10 * count, 1, count, 100.5 * count, 7 + id);
    }

    /** @return the totals {@code reader} answers for {@code id}, or "none". */
    private static String totals(final StoreReader reader, final int id)
    {
        final BucketAggregate into = Values.newHeapInstance(BucketAggregate.class);
        return reader.readAggregate(BucketKey.totals(id), into) ? into.getCount() + "/" + into.getSum() + "/" +
            into.getMin() + "/" + into.getMax() + "/" + into.getLast() + "/" + into.getSumSquares() : "none";
    }

    @Test
    void shouldAnswerWhatTheMapHoldsAfterWritesRemovalsAndAReopen()
    {
        try (MetricStore store = MetricStore.openForWriting(dir, StoreCapacity.forEntries(1_000, 100)))
        {
            store.series().put("a", 0);
            store.series().put("b", 1);
            final AggregateWriter writer = store.newAggregateWriter();
            write(writer, 0, 3);
            write(writer, 1, 5);
            writer.remove(BucketKey.totals(1));
            write(writer, 0, 4);
            writer.merge(BucketKey.totals(0), 9, new SaturationCounter());
            final StoreReader reader = store.newReader();
            assertEquals("5/49/1/9/7/483.0", totals(reader, 0), "4 values, then one of 9 merged");
            assertEquals("none", totals(reader, 1));
            assertEquals("none", totals(reader, 99));
            assertEquals("none", totals(reader, 5_000), "past the copy: read from the map");
        }
        try (MetricStore store = MetricStore.openForReading(dir))
        {
            assertEquals("5/49/1/9/7/483.0", totals(store.newReader(), 0), "the map holds what the copy answered");
            assertEquals("none", totals(store.newReader(), 1));
        }
        try (MetricStore store = MetricStore.openForWriting(dir, StoreCapacity.forEntries(1_000, 100)))
        {
            assertEquals("5/49/1/9/7/483.0", totals(store.newReader(), 0), "loaded at open");
            assertEquals("none", totals(store.newReader(), 1));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldNeverShowAReaderARecordHalfWritten() throws Exception
    {
        final TotalsCache cache = new TotalsCache(4);
        final BucketAggregate value = Values.newHeapInstance(BucketAggregate.class);
        final AtomicBoolean done = new AtomicBoolean();
        final CompletableFuture<String> reader = CompletableFuture.supplyAsync(() ->
        {
            final BucketAggregate into = Values.newHeapInstance(BucketAggregate.class);
            long reads = 0;
            long previous = 0;
            while (!done.get() || reads == 0)
            {
                if (cache.read(2, into))
                {
                    final long k = into.getCount();
                    if (into.getSum() != k || into.getMin() != k || into.getMax() != k || into.getLast() != k ||
                        into.getSumSquares() != k || k < previous)
                    {
                        return "torn or backwards after " + previous + ": " + k + "/" + into.getSum() + "/" +
                            into.getMin() + "/" + into.getMax() + "/" + into.getLast() + "/" + into.getSumSquares();
                    }
                    previous = k;
                }
                reads++;
            }
            return "ok";
        });
        for (long k = 1; k <= WRITES; k++) // every field of record k holds k
        {
            value.setCount(k);
            value.setSum(k);
            value.setMin(k);
            value.setMax(k);
            value.setLast(k);
            value.setSumSquares(k);
            cache.put(2, value);
        }
        done.set(true);
        assertEquals("ok", reader.get());
        final BucketAggregate last = Values.newHeapInstance(BucketAggregate.class);
        assertTrue(cache.read(2, last));
        assertEquals(WRITES, last.getCount());
        assertFalse(cache.read(3, last), "never written");
    }
}

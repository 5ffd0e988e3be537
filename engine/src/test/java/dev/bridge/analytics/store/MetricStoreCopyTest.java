package dev.bridge.analytics.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A store read through a private copy answers as the store does, leaves it as it was and removes the copy. */
class MetricStoreCopyTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadThroughACopyAndRemoveIt() throws Exception
    {
        final long key = BucketKey.raw(3, 1_700_000_000L);
        try (MetricStore store = MetricStore.openForWriting(dir, StoreCapacity.forEntries(1_000, 1_000)))
        {
            store.series().put("variable_read", 3);
            store.newAggregateWriter().write(key, 2, 10, 4, 6, 52.0, 6);
        }
        final byte[] before = Files.readAllBytes(dir.resolve("aggregates.dat"));
        final Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        final long copiesBefore = copies(temp);

        try (MetricStore copy = MetricStore.openForReading(dir, true))
        {
            final BucketAggregate read = copy.newReader().aggregateScratch();
            assertTrue(copy.newReader().readAggregate(key, read));
            assertEquals(10, read.getSum());
            assertEquals(3, copy.series().get("variable_read"));
            assertEquals(copiesBefore + 1, copies(temp));
        }

        assertEquals(copiesBefore, copies(temp));
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("aggregates.dat")));
    }

    private static long copies(final Path temp) throws Exception
    {
        try (var list = Files.list(temp))
        {
            return list.filter(p -> p.getFileName().toString().startsWith("bridge-analytics-read-only-")).count();
        }
    }
}

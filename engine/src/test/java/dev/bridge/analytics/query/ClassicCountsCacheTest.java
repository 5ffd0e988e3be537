package dev.bridge.analytics.query;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The cache's own rules: an entry answers only at the count and bounds it was stored with; the bound holds. */
class ClassicCountsCacheTest
{
    private static final double[] BOUNDS = { 1, 2.5, 5 };

    @Test
    void shouldAnswerOnlyAtTheCountAndBoundsStored()
    {
        final ClassicCountsCache cache = new ClassicCountsCache(10);
        cache.put(7L, 5, BOUNDS, new long[] { 1, 3, 5 });

        assertArrayEquals(new long[] { 1, 3, 5 }, cache.get(7L, 5, new double[] { 1, 2.5, 5 }));
        assertNull(cache.get(7L, 6, BOUNDS), "a late value raised the count: recompute");
        assertNull(cache.get(7L, 5, new double[] { 1, 2.5, 10 }), "other bounds");
        assertNull(cache.get(8L, 5, BOUNDS), "another bucket");
    }

    @Test
    void shouldReplaceABucketsCountsWhenStoredAgain()
    {
        final ClassicCountsCache cache = new ClassicCountsCache(10);
        cache.put(7L, 5, BOUNDS, new long[] { 1, 3, 5 });
        cache.put(7L, 6, BOUNDS, new long[] { 1, 4, 6 });

        assertNull(cache.get(7L, 5, BOUNDS));
        assertArrayEquals(new long[] { 1, 4, 6 }, cache.get(7L, 6, BOUNDS));
        assertEquals(1, cache.size());
    }

    @Test
    void shouldKeepAtMostItsBound()
    {
        final ClassicCountsCache cache = new ClassicCountsCache(100);
        for (long key = 0; key < 1_000; key++)
        {
            cache.put(key, 1, BOUNDS, new long[] { 0, 0, 1 });
        }

        assertEquals(100, cache.size());
        assertEquals(0, new ClassicCountsCache(0).size());
        assertEquals("maxBuckets -1 is negative",
            assertThrows(IllegalArgumentException.class, () -> new ClassicCountsCache(-1)).getMessage());
    }
}

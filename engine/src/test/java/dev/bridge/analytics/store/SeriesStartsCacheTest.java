package dev.bridge.analytics.store;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The writer's process answers starts from its cache (complete: nobody else writes the file); a store opened for
 * reading reads the map, so it sees the starts a writer in another process records after it opened.
 */
class SeriesStartsCacheTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAnswerTheWritersStartsFromItsCacheAndAReadersFromTheMap()
    {
        final SeriesStarts writer = SeriesStarts.open(dir, 100, MapFiles.Mode.CREATE, true);
        try
        {
            writer.record(3, 1_700_000_060L);
            final SeriesStarts reader = SeriesStarts.open(dir, 100, MapFiles.Mode.EXISTING, false);
            try
            {
                writer.record(7, 1_700_000_120L); // after the reader opened: not in its cache
                writer.record(3, 1_700_000_000L); // earlier: moves back
                writer.record(3, 1_700_000_300L); // later: ignored

                for (final SeriesStarts starts : new SeriesStarts[] {writer, reader})
                {
                    assertEquals(1_700_000_000L, firstBucketSec(starts, 3));
                    assertEquals(1_700_000_120L, firstBucketSec(starts, 7));
                    assertEquals(SeriesStarts.NONE, firstBucketSec(starts, 8));
                    assertEquals(SeriesStarts.NONE, firstBucketSec(starts, 500)); // past the cache: the map
                }
            }
            finally
            {
                reader.close();
            }
        }
        finally
        {
            writer.close();
        }
    }

    private static long firstBucketSec(final SeriesStarts starts, final int seriesId)
    {
        return starts.firstBucketSec(seriesId, Values.newHeapInstance(LongValue.class),
            Values.newHeapInstance(LongValue.class));
    }
}

package dev.bridge.analytics.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Times of /api/query: absolute as given, relative on the server's clock moved to the end of their interval. */
class TimeParameterTest
{
    private static final long NOW = 1_700_000_040_500L;

    @Test
    void shouldTakeAbsoluteTimesAsGiven()
    {
        assertEquals(1_700_000_000_123L, TimeParameter.resolve("from", "1700000000123", NOW, 1_000));
        assertEquals(1_764_324_000_000L, TimeParameter.resolve("from", "2025-11-28T10:00:00Z", NOW, 1_000));
        assertEquals(1_764_320_400_000L, TimeParameter.resolve("from", "2025-11-28T10:00:00+01:00", NOW, 60_000));
    }

    @Test
    void shouldMoveRelativeTimesToTheEndOfTheirInterval()
    {
        assertEquals(1_700_000_041_000L, TimeParameter.resolve("to", "now", NOW, 1_000));
        assertEquals(1_700_000_041_000L, TimeParameter.resolve("to", "NOW", NOW, 1_000));
        assertEquals(1_700_000_040_000L - 299_000, TimeParameter.resolve("from", "-5m", NOW, 1_000));
        assertEquals(1_700_000_040_000L - 299_000, TimeParameter.resolve("from", "now-5m", NOW, 1_000));
        assertEquals(1_700_000_040_000L - 5_399_000, TimeParameter.resolve("from", "now-1h30m", NOW, 1_000));
        assertEquals(1_700_000_040_000L - 5_399_000, TimeParameter.resolve("from", "NOW-1h30m", NOW, 1_000));
        assertEquals(1_700_000_050_000L, TimeParameter.resolve("to", "now", NOW, 10_000));
        assertEquals(1_700_000_041_000L, TimeParameter.resolve("to", "now", 1_700_000_040_000L, 1_000),
            "a time on the grid still includes its own interval");
    }

    @Test
    void shouldKeepAWindowOfWholeIntervalsOfTheGivenLength()
    {
        for (long now = NOW; now < NOW + 2_000; now += 250)
        {
            final long from = TimeParameter.resolve("from", "-5m", now, 1_000);
            final long to = TimeParameter.resolve("to", "now", now, 1_000);

            assertEquals(300_000, to - from, "at " + now);
            assertEquals(0, from % 1_000);
            assertEquals(true, from > now - 300_000, "never older than the range, so a retention of it suffices");
        }
    }

    @Test
    void shouldRefuseOtherForms()
    {
        for (final String bad : new String[]{ "yesterday", "now+5m", "-5", "now-", "-0s", "-1.5s", "now-PT30S", "-30m1h", "2025-11-28", "12.5" })
        {
            final HttpError error = assertThrows(HttpError.class, () -> TimeParameter.resolve("from", bad, NOW, 1_000), bad);
            assertEquals(400, error.status(), bad);
        }
    }
}

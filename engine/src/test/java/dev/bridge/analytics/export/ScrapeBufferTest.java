package dev.bridge.analytics.export;

import dev.bridge.analytics.ExtremeValues;
import dev.bridge.analytics.SeededTries;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScrapeBufferTest
{
    @Test
    void shouldWriteEveryLongAsLongToStringDoes()
    {
        SeededTries.check(0x5C_B0FFL, 2_000, ExtremeValues::anyLong, value ->
        {
            final ScrapeBuffer buffer = new ScrapeBuffer(1); // grows on every write
            buffer.writeLong(value);
            buffer.write(' ');
            buffer.writeLong(value / 7);
            assertEquals(value + " " + value / 7, text(buffer));
        });
    }

    @Test
    void shouldWriteTheLongsAtEveryPowerOfTen()
    {
        final ScrapeBuffer buffer = new ScrapeBuffer(16);
        final StringBuilder expected = new StringBuilder();
        long power = 1;
        for (int digits = 1; digits <= 19; digits++)
        {
            for (final long value : new long[] {power - 1, power, -power, -(power - 1)})
            {
                buffer.writeLong(value);
                buffer.write(',');
                expected.append(value).append(',');
            }
            power = digits < 19 ? power * 10 : power;
        }
        buffer.writeLong(Long.MAX_VALUE);
        buffer.writeLong(Long.MIN_VALUE);
        expected.append(Long.MAX_VALUE).append(Long.MIN_VALUE);

        assertEquals(expected.toString(), text(buffer));
    }

    private static String text(final ScrapeBuffer buffer)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try
        {
            buffer.writeTo(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}

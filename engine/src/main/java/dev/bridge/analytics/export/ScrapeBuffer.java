package dev.bridge.analytics.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that a streaming scrape is written into, then copied to the response in one write, so the
 * store is never held while a slow client reads. Numbers are printed as client_java 1.10's text writers print them
 * ({@code TextFormatUtil}): longs in decimal, doubles as {@link Double#toString(double)} ({@code +Inf},
 * {@code -Inf}, {@code NaN}), timestamps in seconds with three decimals. Integral doubles below 10^7 (every counter
 * and most gauges) are printed without building a string; other doubles build one. Reused from scrape to scrape
 * (the array keeps its size). Not thread-safe: one scrape at a time.
 */
final class ScrapeBuffer
{
    /** Below this magnitude {@link Double#toString(double)} prints an integral value as {@code <digits>.0}. */
    private static final double PLAIN_INTEGRAL_LIMIT = 1e7;
    private static final byte[] POSITIVE_INFINITY = ascii("+Inf");
    private static final byte[] NEGATIVE_INFINITY = ascii("-Inf");
    private static final byte[] LONG_MIN = ascii(Long.toString(Long.MIN_VALUE));

    private byte[] bytes;
    private int size;

    ScrapeBuffer(final int initialCapacity)
    {
        bytes = new byte[initialCapacity];
    }

    /** @return {@code text} as US-ASCII bytes (names, label sets and help are pre-encoded as UTF-8 by the plan). */
    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Forgets what was written; the array keeps its size. */
    void reset()
    {
        size = 0;
    }

    /** @return the number of bytes written since {@link #reset()}. */
    int size()
    {
        return size;
    }

    void write(final byte[] b)
    {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    void write(final char asciiChar)
    {
        ensure(1);
        bytes[size++] = (byte)asciiChar;
    }

    /** Writes {@code text} (US-ASCII only: what {@link Double#toString(double)} prints). */
    void writeAscii(final String text)
    {
        final int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++)
        {
            bytes[size++] = (byte)text.charAt(i);
        }
    }

    /** Writes {@code value} in decimal, as {@link Long#toString(long)} prints it, in place (no digit buffer). */
    void writeLong(final long value)
    {
        if (value == Long.MIN_VALUE)
        {
            write(LONG_MIN);
            return;
        }
        final boolean negative = value < 0;
        long rest = negative ? -value : value;
        final int length = decimalDigits(rest) + (negative ? 1 : 0);
        ensure(length);
        int at = size + length;
        do
        {
            bytes[--at] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        while (rest > 0);
        if (negative)
        {
            bytes[--at] = '-';
        }
        size += length;
    }

    /** @return the number of decimal digits of {@code value}, not negative (1 for 0, 19 at most). */
    private static int decimalDigits(final long value)
    {
        int digits = 1;
        long power = 10;
        while (digits < 19 && value >= power)
        {
            digits++;
            power *= 10;
        }
        return digits;
    }

    /** Writes {@code value} as client_java's writers do: {@code +Inf}, {@code -Inf}, else {@link Double#toString}. */
    void writeDouble(final double value)
    {
        if (value == Double.POSITIVE_INFINITY)
        {
            write(POSITIVE_INFINITY);
        }
        else if (value == Double.NEGATIVE_INFINITY)
        {
            write(NEGATIVE_INFINITY);
        }
        else if (value == Math.rint(value) && Math.abs(value) < PLAIN_INTEGRAL_LIMIT &&
            Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(-0.0))
        {
            writeLong((long)value);
            write('.');
            write('0');
        }
        else
        {
            writeAscii(Double.toString(value));
        }
    }

    /** Writes epoch {@code ms} in seconds with three decimals ({@code 1700000050.000}), as client_java does. */
    void writeTimestamp(final long ms)
    {
        writeLong(ms / 1000);
        write('.');
        final long millis = ms % 1000;
        if (millis < 100)
        {
            write('0');
        }
        if (millis < 10)
        {
            write('0');
        }
        writeLong(millis);
    }

    /** Writes everything written since {@link #reset()} to {@code out} in one write (not flushed). */
    void writeTo(final OutputStream out) throws IOException
    {
        out.write(bytes, 0, size);
    }

    private void ensure(final int more)
    {
        if (size + more > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }
}

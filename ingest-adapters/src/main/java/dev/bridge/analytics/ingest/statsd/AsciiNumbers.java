package dev.bridge.analytics.ingest.statsd;

import org.agrona.DirectBuffer;

/**
 * Decimal numbers read straight from bytes, without a String: {@code [+-]digits[.digits][(e|E)[+-]digits]} (at least
 * one digit before the exponent). Up to 18 significant digits are read exactly; with at most 15 and an exponent
 * within 10^+-22 the result is the correctly rounded double (one exact multiplication or division); beyond, within
 * a few ulps. No {@code NaN}, {@code Infinity}, hex or underscores. Stateless, thread-safe, allocation-free.
 */
final class AsciiNumbers
{
    /** Returned for text that is not a finite number. */
    static final double INVALID = Double.NaN;

    private static final int MAX_DIGITS = 18;
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22 };

    private AsciiNumbers()
    {
    }

    /** @return the number in {@code [from, to)}, or {@link #INVALID} (test with {@code Double.isNaN}). */
    static double parseDouble(final DirectBuffer buffer, final int from, final int to)
    {
        int i = from;
        if (i >= to)
        {
            return INVALID;
        }
        boolean negative = false;
        final byte first = buffer.getByte(i);
        if (first == '-' || first == '+')
        {
            negative = first == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        int seen = 0;
        while (i < to)
        {
            final int d = buffer.getByte(i) - '0';
            if (d < 0 || d > 9)
            {
                break;
            }
            seen++;
            if (digits < MAX_DIGITS)
            {
                if (mantissa != 0 || d != 0)
                {
                    digits++;
                }
                mantissa = mantissa * 10 + d;
            }
            else
            {
                exponent++; // an integer digit past the precision kept: scales the value
            }
            i++;
        }
        if (i < to && buffer.getByte(i) == '.')
        {
            i++;
            while (i < to)
            {
                final int d = buffer.getByte(i) - '0';
                if (d < 0 || d > 9)
                {
                    break;
                }
                seen++;
                if (digits < MAX_DIGITS)
                {
                    if (mantissa != 0 || d != 0)
                    {
                        digits++;
                    }
                    mantissa = mantissa * 10 + d;
                    exponent--;
                }
                i++;
            }
        }
        if (seen == 0)
        {
            return INVALID;
        }
        if (i < to)
        {
            final byte e = buffer.getByte(i);
            if (e != 'e' && e != 'E')
            {
                return INVALID;
            }
            i++;
            boolean negativeExponent = false;
            if (i < to && (buffer.getByte(i) == '-' || buffer.getByte(i) == '+'))
            {
                negativeExponent = buffer.getByte(i) == '-';
                i++;
            }
            if (i >= to)
            {
                return INVALID;
            }
            int explicit = 0;
            while (i < to)
            {
                final int d = buffer.getByte(i) - '0';
                if (d < 0 || d > 9)
                {
                    return INVALID;
                }
                explicit = Math.min(explicit * 10 + d, 100_000);
                i++;
            }
            exponent += negativeExponent ? -explicit : explicit;
        }
        final double value = scale(mantissa, exponent);
        if (Double.isInfinite(value))
        {
            return INVALID;
        }
        return negative ? -value : value;
    }

    /**
     * @return the non-negative integer in {@code [from, to)} (digits only, at most 18), or -1 when it is not one.
     */
    static long parseUnsignedLong(final DirectBuffer buffer, final int from, final int to)
    {
        if (from >= to || to - from > MAX_DIGITS)
        {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++)
        {
            final int d = buffer.getByte(i) - '0';
            if (d < 0 || d > 9)
            {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static double scale(final long mantissa, final int exponent)
    {
        if (mantissa == 0)
        {
            return 0.0;
        }
        if (mantissa < MAX_EXACT_MANTISSA && exponent >= -22 && exponent <= 22)
        {
            return exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
        }
        if (exponent < -400)
        {
            return 0.0;
        }
        if (exponent > 400)
        {
            return Double.POSITIVE_INFINITY;
        }
        return exponent >= 0 ? mantissa * Math.pow(10, exponent) : mantissa / Math.pow(10, -exponent);
    }
}

package dev.bridge.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A query's time range. Relative ranges ({@link #LAST_MINUTE}, ...) are the last N whole buckets up to and
 * including the bucket of "now"; {@link #ALL} is everything stored; {@link #between(Instant, Instant)} selects
 * the buckets whose start lies in [from, to). Immutable, thread-safe.
 */
public final class TimeRange
{
    public static final TimeRange ALL = new TimeRange("all", null, null, null);
    public static final TimeRange LAST_MINUTE = last(Duration.ofMinutes(1), "last_minute");
    public static final TimeRange LAST_5_MINUTES = last(Duration.ofMinutes(5), "last_5_minutes");
    public static final TimeRange LAST_HOUR = last(Duration.ofHours(1), "last_hour");
    public static final TimeRange LAST_DAY = last(Duration.ofDays(1), "last_day");

    private final String name;
    private final Duration length;
    private final Long fromMs;
    private final Long toMs;

    private TimeRange(final String name, final Duration length, final Long fromMs, final Long toMs)
    {
        this.name = name;
        this.length = length;
        this.fromMs = fromMs;
        this.toMs = toMs;
    }

    /** @return the last {@code length} up to now (whole buckets, the live one included). */
    public static TimeRange last(final Duration length)
    {
        return last(length, "last_" + length.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
    }

    private static TimeRange last(final Duration length, final String name)
    {
        if (length.isNegative() || length.isZero())
        {
            throw new IllegalArgumentException("range length must be positive, was " + length);
        }
        return new TimeRange(name, length, null, null);
    }

    /** @return the explicit range [from, to); from must not be after to. */
    public static TimeRange between(final Instant from, final Instant to)
    {
        if (from.isAfter(to))
        {
            throw new IllegalArgumentException("range from " + from + " is after to " + to);
        }
        return new TimeRange(from + "/" + to, null, from.toEpochMilli(), to.toEpochMilli());
    }

    /**
     * @return [fromMs, toMs) of bucket starts this range selects, given now and the bucket width.
     */
    public long[] resolve(final long nowMs, final long resolutionMs)
    {
        if (fromMs != null)
        {
            return new long[]{ fromMs, toMs };
        }
        if (length == null)
        {
            return new long[]{ Long.MIN_VALUE, Long.MAX_VALUE };
        }
        final long endMs = nowMs - Math.floorMod(nowMs, resolutionMs) + resolutionMs;
        return new long[]{ endMs - length.toMillis(), endMs };
    }

    @Override
    public String toString()
    {
        return name;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof TimeRange other && name.equals(other.name) && Objects.equals(length, other.length);
    }

    @Override
    public int hashCode()
    {
        return name.hashCode();
    }
}

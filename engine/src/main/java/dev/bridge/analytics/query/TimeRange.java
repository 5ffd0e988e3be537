package dev.bridge.analytics.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import dev.bridge.analytics.config.ConfigRanges;
import dev.bridge.analytics.config.Durations;
import dev.bridge.analytics.config.Resolution;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A query's time range. Relative ranges ({@link #LAST_MINUTE}, ...) are the last N whole buckets up to and
 * including the bucket of "now"; {@link #ALL} is everything stored; {@link #between(Instant, Instant)} selects
 * the buckets whose start lies in [from, to). Immutable, thread-safe.
 */
public final class TimeRange
{
    /** Longest relative range: the longest retention a store can keep ({@link ConfigRanges#MAX_RETENTION}, 10 years). */
    public static final Duration LONGEST = ConfigRanges.MAX_RETENTION;
    private static final String LAST_PREFIX = "last_";
    public static final TimeRange ALL = new TimeRange("all", null, null, null);
    public static final TimeRange LAST_MINUTE = last(Duration.ofMinutes(1), "last_minute");
    public static final TimeRange LAST_5_MINUTES = last(Duration.ofMinutes(5), "last_5_minutes");
    public static final TimeRange LAST_HOUR = last(Duration.ofHours(1), "last_hour");
    public static final TimeRange LAST_DAY = last(Duration.ofDays(1), "last_day");
    /** The named ranges by their names ({@code all}, {@code last_minute}, ...), in that order; immutable. */
    public static final Map<String, TimeRange> NAMED = named();

    /** A relative range is read at the coarsest resolution that still gives it this many buckets. */
    public static final int MIN_BUCKETS = 10;

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

    /**
     * @return the last {@code length} up to now (whole buckets, the live one included).
     * @throws IllegalArgumentException when {@code length} is not positive or longer than {@link #LONGEST}.
     */
    public static TimeRange last(final Duration length)
    {
        return last(length, "last_" + Durations.format(length));
    }

    private static TimeRange last(final Duration length, final String name)
    {
        if (length.isNegative() || length.isZero())
        {
            throw new IllegalArgumentException("range length must be positive, was " + Durations.format(length));
        }
        if (length.compareTo(LONGEST) > 0)
        {
            throw new IllegalArgumentException("range '" + name + "' reaches back more than " +
                Durations.format(LONGEST) + " (10 years, the longest retention a store can keep): use all for " +
                "everything kept");
        }
        return new TimeRange(name, length, null, null);
    }

    /**
     * @param text a name of {@link #NAMED} ({@code last_hour}), or {@code last_<duration>} ({@code last_15m},
     *             {@code last_6h}, {@code last_1h30m}: the one duration syntax, {@link Durations#parse}), in any case.
     * @return that range.
     * @throws IllegalArgumentException for any other text, a bad duration, or a length beyond {@link #LONGEST}: the
     *                                  message names the accepted forms.
     */
    public static TimeRange parse(final String text)
    {
        final String t = text.strip().toLowerCase(Locale.ROOT);
        final TimeRange named = NAMED.get(t);
        if (named != null)
        {
            return named;
        }
        if (t.startsWith(LAST_PREFIX) && t.length() > LAST_PREFIX.length() &&
            Character.isDigit(t.charAt(LAST_PREFIX.length())))
        {
            final Duration length;
            try
            {
                length = Durations.parse(t.substring(LAST_PREFIX.length()));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("range '" + text + "': " + ex.getMessage());
            }
            return last(length, t);
        }
        throw new IllegalArgumentException("unknown range '" + text + "': use " + String.join(", ", NAMED.keySet()) +
            " or last_<duration> (last_15m, last_6h)");
    }

    /**
     * @return the explicit range [from, to); from must not be after to.
     * @throws IllegalArgumentException when from is after to or an end is beyond epoch milliseconds.
     */
    public static TimeRange between(final Instant from, final Instant to)
    {
        if (from.isAfter(to))
        {
            throw new IllegalArgumentException("range from " + from + " is after to " + to);
        }
        final long fromMs;
        final long toMs;
        try
        {
            fromMs = from.toEpochMilli();
            toMs = to.toEpochMilli();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("range " + from + "/" + to + " is beyond the instants a store can " +
                "hold (epoch milliseconds)");
        }
        return new TimeRange(from + "/" + to, null, fromMs, toMs);
    }

    /**
     * Chooses the resolution that answers this range and the bucket starts it selects.
     * <ul>
     *   <li>relative ranges: the coarsest resolution with at least {@value #MIN_BUCKETS} buckets in the range and a
     *       retention that covers it; the range is then the last N whole buckets of that resolution up to and
     *       including the bucket of now (so LAST_HOUR reads 60 one-minute buckets);</li>
     *   <li>explicit ranges: the coarsest resolution whose width divides both ends and whose retention covers
     *       {@code from}, else the finest whose retention covers it, else the one kept longest (a bucket is read
     *       when its start lies in the range: an unaligned end includes or leaves out that whole bucket);</li>
     *   <li>{@link #ALL}: the resolution with the longest retention (every value reaches every resolution whose
     *       retention covers it), over that retention.</li>
     * </ul>
     *
     * @param resolutions finest first, as {@code EngineSettings.resolutions()}.
     */
    public ResolvedRange resolve(final long nowMs, final List<Resolution> resolutions)
    {
        if (fromMs != null)
        {
            Resolution chosen = null;
            for (final Resolution r : resolutions)
            {
                final boolean covers = fromMs >= nowMs - r.retentionMs();
                if (covers && (chosen == null || (fromMs % r.widthMs() == 0 && toMs % r.widthMs() == 0)))
                {
                    chosen = r;
                }
            }
            if (chosen == null)
            {
                // older than every retention: only the longest-kept resolution can still hold part of it
                chosen = resolutions.stream().max(Comparator.comparing(Resolution::retention)).orElseThrow();
            }
            return new ResolvedRange(chosen, fromMs, toMs);
        }
        if (length == null)
        {
            final Resolution longest = resolutions.stream()
                .max(Comparator.comparing(Resolution::retention)).orElseThrow();
            // everything that resolution still keeps: its retention up to the bucket after now (so point look-ups
            // of a bounded number of buckets answer, not a scan of the whole store)
            final long widthMs = longest.widthMs();
            final long nowStartMs = nowMs - Math.floorMod(nowMs, widthMs);
            final long fromStartMs = nowMs - longest.retentionMs();
            return new ResolvedRange(longest, fromStartMs - Math.floorMod(fromStartMs, widthMs), nowStartMs + 2 * widthMs, true);
        }
        Resolution chosen = resolutions.get(0);
        for (final Resolution r : resolutions)
        {
            if (r.widthMs() * MIN_BUCKETS <= length.toMillis() && r.retentionMs() >= length.toMillis())
            {
                chosen = r;
            }
        }
        final long widthMs = chosen.widthMs();
        final long endMs = nowMs - Math.floorMod(nowMs, widthMs) + widthMs;
        final long buckets = Math.max(1, length.toMillis() / widthMs);
        return new ResolvedRange(chosen, endMs - buckets * widthMs, endMs);
    }

    /**
     * A range made concrete: the resolution to read and the bucket starts [fromMs, toMs) to read there.
     *
     * @param resolution the resolution answering the query.
     * @param fromMs     first bucket start included.
     * @param toMs       bucket starts before this are included.
     * @param all        true for {@link #ALL}: the range is everything the resolution keeps.
     */
    public record ResolvedRange(Resolution resolution, long fromMs, long toMs, boolean all)
    {
        /** A range that is not ALL. */
        public ResolvedRange(final Resolution resolution, final long fromMs, final long toMs)
        {
            this(resolution, fromMs, toMs, false);
        }
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

    private static Map<String, TimeRange> named()
    {
        final Map<String, TimeRange> named = new LinkedHashMap<>();
        for (final TimeRange range : new TimeRange[]{ ALL, LAST_MINUTE, LAST_5_MINUTES, LAST_HOUR, LAST_DAY })
        {
            named.put(range.toString(), range);
        }
        return Collections.unmodifiableMap(named);
    }
}

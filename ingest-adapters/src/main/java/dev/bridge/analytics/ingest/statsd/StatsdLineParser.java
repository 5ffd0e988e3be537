package dev.bridge.analytics.ingest.statsd;

import org.agrona.DirectBuffer;

/**
 * Reads one StatsD/DogStatsD line from a buffer into a {@link StatsdLine}, checking the whole grammar before
 * anything is published: a line is either taken whole or reported malformed. Allocation-free.
 * <ul>
 *   <li>{@code _e{...} } (event) and {@code _sc|...} (service check) lines are recognised and not read further.</li>
 *   <li>Name: the bytes before the first {@code :}, non-empty, without {@code |}.</li>
 *   <li>Values: one or more numbers separated by {@code :} (DogStatsD 1.1 packing); a set takes one opaque member
 *       (any non-empty text without {@code |}).</li>
 *   <li>Type: {@code c g ms h s d}. Then sections in any order: {@code @rate} with 0 &lt; rate &lt;= 1 (once),
 *       {@code #tags} (once), {@code c:container-id}, {@code T<epoch seconds>}; an unknown section is skipped, as the
 *       Datadog Agent does for forward compatibility; an empty one ({@code ||}) is malformed.</li>
 * </ul>
 * Stateless, thread-safe; the {@link StatsdLine} it fills is the caller's.
 */
public final class StatsdLineParser
{
    /** A metric line: {@code line} holds it. */
    public static final int METRIC = 0;
    /** A DogStatsD event ({@code _e{}). */
    public static final int EVENT = 1;
    /** A DogStatsD service check ({@code _sc|}). */
    public static final int SERVICE_CHECK = 2;
    /** Not a valid line. */
    public static final int MALFORMED = 3;

    /** {@code |T} seconds after this are refused (year 5138): they would overflow nothing, but are garbage. */
    private static final long MAX_TIMESTAMP_S = 99_999_999_999L;

    private StatsdLineParser()
    {
    }

    /**
     * Parses {@code [start, end)} (a line without its newline).
     *
     * @return {@link #METRIC}, {@link #EVENT}, {@link #SERVICE_CHECK} or {@link #MALFORMED}.
     */
    public static int parse(final DirectBuffer buffer, final int start, final int end, final StatsdLine line)
    {
        if (end - start >= 3 && buffer.getByte(start) == '_')
        {
            final byte second = buffer.getByte(start + 1);
            if (second == 'e' && buffer.getByte(start + 2) == '{')
            {
                return EVENT;
            }
            if (end - start >= 4 && second == 's' && buffer.getByte(start + 2) == 'c' && buffer.getByte(start + 3) == '|')
            {
                return SERVICE_CHECK;
            }
        }
        int colon = -1;
        for (int i = start; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if (b == ':')
            {
                colon = i;
                break;
            }
            if (b == '|')
            {
                return MALFORMED;
            }
        }
        if (colon <= start)
        {
            return MALFORMED;
        }
        final int valuesStart = colon + 1;
        int bar = -1;
        for (int i = valuesStart; i < end; i++)
        {
            if (buffer.getByte(i) == '|')
            {
                bar = i;
                break;
            }
        }
        if (bar < 0 || bar == valuesStart)
        {
            return MALFORMED;
        }
        final int typeStart = bar + 1;
        int typeEnd = typeStart;
        while (typeEnd < end && buffer.getByte(typeEnd) != '|')
        {
            typeEnd++;
        }
        final StatsdType type = type(buffer, typeStart, typeEnd);
        if (type == null)
        {
            return MALFORMED;
        }
        line.buffer = buffer;
        line.nameOffset = start;
        line.nameLength = colon - start;
        line.valuesOffset = valuesStart;
        line.valuesLength = bar - valuesStart;
        line.type = type;
        line.sampleRate = 1.0;
        line.tagsOffset = 0;
        line.tagsLength = 0;
        line.timestampMs = 0;
        if (!sections(buffer, typeEnd, end, line))
        {
            return MALFORMED;
        }
        line.largestMagnitude = 0.0;
        final int count = type == StatsdType.SET ? 1 : countValues(buffer, valuesStart, bar, line);
        if (count <= 0)
        {
            return MALFORMED;
        }
        line.valueCount = count;
        return METRIC;
    }

    /**
     * @return the next value's end (the ':' after it, or the end of the values) from {@code from}, for walking the
     *         values of a parsed line.
     */
    static int valueEnd(final DirectBuffer buffer, final int from, final int valuesEnd)
    {
        int i = from;
        while (i < valuesEnd && buffer.getByte(i) != ':')
        {
            i++;
        }
        return i;
    }

    private static StatsdType type(final DirectBuffer buffer, final int start, final int end)
    {
        final int length = end - start;
        if (length == 1)
        {
            return switch (buffer.getByte(start))
            {
                case 'c' -> StatsdType.COUNTER;
                case 'g' -> StatsdType.GAUGE;
                case 'h' -> StatsdType.HISTOGRAM;
                case 's' -> StatsdType.SET;
                case 'd' -> StatsdType.DISTRIBUTION;
                default -> null;
            };
        }
        if (length == 2 && buffer.getByte(start) == 'm' && buffer.getByte(start + 1) == 's')
        {
            return StatsdType.TIMER;
        }
        return null;
    }

    /** Reads the sections after the type ({@code from} is at the '|' or the end). */
    private static boolean sections(final DirectBuffer buffer, final int from, final int end, final StatsdLine line)
    {
        boolean rateSeen = false;
        boolean tagsSeen = false;
        int i = from;
        while (i < end)
        {
            final int sectionStart = i + 1; // i is at a '|'
            int sectionEnd = sectionStart;
            while (sectionEnd < end && buffer.getByte(sectionEnd) != '|')
            {
                sectionEnd++;
            }
            if (sectionEnd == sectionStart)
            {
                return false;
            }
            final byte kind = buffer.getByte(sectionStart);
            if (kind == '@')
            {
                if (rateSeen)
                {
                    return false;
                }
                rateSeen = true;
                final double rate = AsciiNumbers.parseDouble(buffer, sectionStart + 1, sectionEnd);
                if (!(rate > 0.0 && rate <= 1.0))
                {
                    return false;
                }
                line.sampleRate = rate;
            }
            else if (kind == '#')
            {
                if (tagsSeen)
                {
                    return false;
                }
                tagsSeen = true;
                line.tagsOffset = sectionStart + 1;
                line.tagsLength = sectionEnd - sectionStart - 1;
            }
            else if (kind == 'T')
            {
                final long seconds = AsciiNumbers.parseUnsignedLong(buffer, sectionStart + 1, sectionEnd);
                if (seconds < 1 || seconds > MAX_TIMESTAMP_S)
                {
                    return false;
                }
                line.timestampMs = seconds * 1000;
            }
            else if (kind == 'c' && sectionEnd - sectionStart >= 2 && buffer.getByte(sectionStart + 1) == ':')
            {
                // DogStatsD 1.2 container id: read (the line is valid) and not recorded
                if (sectionEnd - sectionStart == 2)
                {
                    return false;
                }
            }
            // any other section: skipped
            i = sectionEnd;
        }
        return true;
    }

    /**
     * @return the number of values, or -1 when one is not a finite number (or empty); sets
     *         {@link StatsdLine#largestMagnitude}.
     */
    private static int countValues(final DirectBuffer buffer, final int from, final int to, final StatsdLine line)
    {
        int count = 0;
        int i = from;
        while (true)
        {
            final int valueEnd = valueEnd(buffer, i, to);
            final double value = AsciiNumbers.parseDouble(buffer, i, valueEnd);
            if (Double.isNaN(value))
            {
                return -1;
            }
            line.largestMagnitude = Math.max(line.largestMagnitude, Math.abs(value));
            count++;
            if (valueEnd == to)
            {
                return count;
            }
            i = valueEnd + 1;
        }
    }
}

package dev.bridge.analytics.ingest.statsd;

import org.agrona.DirectBuffer;

/**
 * One parsed metric line, as offsets into the datagram buffer it was parsed from (a flyweight: {@link
 * StatsdLineParser} fills the same instance for every line, nothing is copied). Valid until the next parse.
 * <pre>
 *   name[,k=v|#k=v|[k=v]] : value[:value...] | type [|@rate] [|#tag,k:v] [|c:container] [|T seconds] [|other]
 *   \____ name segment __/   \__ values ___/   \type/ \__________ sections, any order ______________________/
 * </pre>
 * Not thread-safe: one per receiving thread.
 */
public final class StatsdLine
{
    DirectBuffer buffer;
    int nameOffset;
    int nameLength;
    int valuesOffset;
    int valuesLength;
    int valueCount;
    /** The largest absolute value of the line's values (0 for sets): targets check their range with it. */
    double largestMagnitude;
    StatsdType type;
    double sampleRate;
    int tagsOffset;
    int tagsLength;
    long timestampMs;

    /** @return the buffer the offsets point into. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return where the name segment starts (the name with any Influx, Librato or SignalFx tags). */
    public int nameOffset()
    {
        return nameOffset;
    }

    /** @return the name segment's length in bytes. */
    public int nameLength()
    {
        return nameLength;
    }

    /** @return where the values start (one, or several separated by ':'). */
    public int valuesOffset()
    {
        return valuesOffset;
    }

    /** @return the values' length in bytes. */
    public int valuesLength()
    {
        return valuesLength;
    }

    /** @return how many values the line packs (1 for sets, whatever their text). */
    public int valueCount()
    {
        return valueCount;
    }

    /** @return the largest absolute value among the line's values (finite; 0 for sets). */
    public double largestMagnitude()
    {
        return largestMagnitude;
    }

    /** @return the metric type. */
    public StatsdType type()
    {
        return type;
    }

    /** @return the sample rate, in (0, 1]; 1 without {@code |@}. */
    public double sampleRate()
    {
        return sampleRate;
    }

    /** @return where the DogStatsD tags start (after {@code #}); meaningful when {@link #tagsLength()} > 0. */
    public int tagsOffset()
    {
        return tagsOffset;
    }

    /** @return the DogStatsD tags' length in bytes, 0 without tags. */
    public int tagsLength()
    {
        return tagsLength;
    }

    /** @return the {@code |T} time in epoch milliseconds, 0 without one (the engine stamps the time). */
    public long timestampMs()
    {
        return timestampMs;
    }

    /** @return the name segment as text (allocates: for the resolution path and tests). */
    public String nameText()
    {
        return buffer.getStringWithoutLengthUtf8(nameOffset, nameLength);
    }

    /** @return the DogStatsD tags as text, "" without (allocates). */
    public String tagsText()
    {
        return tagsLength == 0 ? "" : buffer.getStringWithoutLengthUtf8(tagsOffset, tagsLength);
    }
}

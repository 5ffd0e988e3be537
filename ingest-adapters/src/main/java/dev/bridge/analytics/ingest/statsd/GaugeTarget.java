package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.GaugeHandle;
import dev.bridge.analytics.store.SaturatingMath;
import org.agrona.DirectBuffer;

/**
 * {@code g} into a gauge: a plain value sets it, a signed one ({@code +3}, {@code -2}) changes the last value this
 * listener set (0 before the first), as Etsy's statsd does; so a negative gauge is sent as {@code 0} then {@code -N}.
 * The sample rate does not apply. Values are rounded to the nearest integer when published (the current value keeps
 * its fraction). A line that would take the gauge outside the 64-bit range (a value, or the current value after one of
 * its deltas) is {@link LineOutcome#REJECTED} whole: nothing of it is published and the current value is unchanged.
 * Not thread-safe; one instance per series, shared by every key that maps to it.
 */
final class GaugeTarget extends ValueTarget
{
    private final GaugeHandle gauge;
    private double current;

    GaugeTarget(final GaugeHandle gauge)
    {
        this.gauge = gauge;
    }

    @Override
    LineOutcome check(final StatsdLine line)
    {
        if (!SaturatingMath.fitsLong(line.largestMagnitude))
        {
            return LineOutcome.REJECTED;
        }
        if (SaturatingMath.fitsLong(Math.abs(current) + line.valueCount * line.largestMagnitude))
        {
            return null; // no order of these values can leave the range
        }
        return leavesRange(line) ? LineOutcome.REJECTED : null;
    }

    /** @return true when applying the line's values in turn would take the current value outside the range. */
    private boolean leavesRange(final StatsdLine line)
    {
        final DirectBuffer buffer = line.buffer;
        final int end = line.valuesOffset + line.valuesLength;
        double value = current;
        int i = line.valuesOffset;
        while (true)
        {
            final int valueEnd = StatsdLineParser.valueEnd(buffer, i, end);
            final byte first = buffer.getByte(i);
            final double v = AsciiNumbers.parseDouble(buffer, i, valueEnd);
            value = first == '+' || first == '-' ? value + v : v;
            if (!SaturatingMath.fitsLong(value))
            {
                return true;
            }
            if (valueEnd == end)
            {
                return false;
            }
            i = valueEnd + 1;
        }
    }

    @Override
    void onValue(final double value, final boolean signed, final StatsdLine line)
    {
        current = signed ? current + value : value;
        if (line.timestampMs != 0)
        {
            gauge.setAt(Math.round(current), line.timestampMs);
        }
        else
        {
            gauge.set(current);
        }
    }
}

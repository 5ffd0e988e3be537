package dev.bridge.analytics.ingest.statsd;

import org.agrona.DirectBuffer;

/** A target that takes each numeric value of a line (one, or several packed) in turn. Not thread-safe. */
abstract class ValueTarget extends StatsdTarget
{
    @Override
    final LineOutcome onLine(final StatsdLine line, final long nowMs)
    {
        final LineOutcome refused = check(line);
        if (refused != null)
        {
            return refused;
        }
        final DirectBuffer buffer = line.buffer;
        final int end = line.valuesOffset + line.valuesLength;
        int i = line.valuesOffset;
        while (true)
        {
            final int valueEnd = StatsdLineParser.valueEnd(buffer, i, end);
            final byte first = buffer.getByte(i);
            onValue(AsciiNumbers.parseDouble(buffer, i, valueEnd), first == '+' || first == '-', line);
            if (valueEnd == end)
            {
                return LineOutcome.ACCEPTED;
            }
            i = valueEnd + 1;
        }
    }

    /** @return null when the line can be taken whole, else its outcome (nothing of it is published). */
    LineOutcome check(final StatsdLine line)
    {
        return null;
    }

    /**
     * Takes one value (already validated as finite).
     *
     * @param signed the value's text starts with '+' or '-'.
     */
    abstract void onValue(double value, boolean signed, StatsdLine line);
}

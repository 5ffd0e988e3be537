package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.GaugeHandle;
import org.agrona.collections.LongHashSet;

/**
 * {@code s} into a gauge: the number of distinct members seen in the current window (the engine's raw bucket width,
 * by the receiving thread's clock), published each time a new member arrives, so each raw bucket's last value is its
 * distinct count. Members are told apart by a 64-bit hash of their bytes (a collision undercounts by one, with odds
 * of about n^2 / 2^65). Not thread-safe; one instance per series.
 */
final class SetTarget extends StatsdTarget
{
    private final GaugeHandle gauge;
    private final long windowMs;
    private final LongHashSet members = new LongHashSet(256);
    private long windowStartMs = Long.MIN_VALUE;

    SetTarget(final GaugeHandle gauge, final long windowMs)
    {
        this.gauge = gauge;
        this.windowMs = windowMs;
    }

    @Override
    LineOutcome onLine(final StatsdLine line, final long nowMs)
    {
        final long start = nowMs - Math.floorMod(nowMs, windowMs);
        if (start != windowStartMs)
        {
            windowStartMs = start;
            members.clear();
        }
        final long member = NameHash.hash(line.buffer, line.valuesOffset, line.valuesLength, NameHash.SEED);
        if (members.add(member))
        {
            if (line.timestampMs != 0)
            {
                gauge.setAt(members.size(), line.timestampMs);
            }
            else
            {
                gauge.set(members.size());
            }
        }
        return LineOutcome.ACCEPTED;
    }
}

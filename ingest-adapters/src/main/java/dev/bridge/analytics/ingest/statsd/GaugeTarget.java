package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.GaugeHandle;

/**
 * {@code g} into a gauge: a plain value sets it, a signed one ({@code +3}, {@code -2}) changes the last value this
 * listener set (0 before the first), as Etsy's statsd does; so a negative gauge is sent as {@code 0} then {@code -N}.
 * The sample rate does not apply. Values are rounded to the nearest integer when published (the current value keeps
 * its fraction). Not thread-safe; one instance per series, shared by every key that maps to it.
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

package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.HistogramHandle;
import dev.bridge.analytics.store.SaturatingMath;

/**
 * {@code ms}, {@code h} and {@code d} into a histogram: each value times {@code scale} (milliseconds to the metric's
 * time unit for timers, 1 otherwise), rounded, recorded round(1 / sample rate) times: the rate scales the count,
 * not the value. A rate below 1/{@value #MAX_REPEAT} rejects the line (it would publish that many events), and so does a
 * value that does not fit a 64-bit integer once scaled (nothing of the line is published). Negative
 * values are published and the engine rejects and counts them; values above the metric's {@code highest} are
 * kept (see {@link HistogramHandle}).
 * Not thread-safe.
 */
final class HistogramTarget extends ValueTarget
{
    /** Most times one value is recorded for its sample rate. */
    static final int MAX_REPEAT = 10_000;

    private final HistogramHandle histogram;
    private final double scale;

    HistogramTarget(final HistogramHandle histogram, final double scale)
    {
        this.histogram = histogram;
        this.scale = scale;
    }

    @Override
    LineOutcome check(final StatsdLine line)
    {
        return 1.0 / line.sampleRate > MAX_REPEAT + 0.5 || !SaturatingMath.fitsLong(line.largestMagnitude * scale) ?
            LineOutcome.REJECTED : null;
    }

    @Override
    void onValue(final double value, final boolean signed, final StatsdLine line)
    {
        final long scaled = Math.round(value * scale);
        final long repeat = Math.max(1, Math.round(1.0 / line.sampleRate));
        final long timestampMs = line.timestampMs;
        for (long i = 0; i < repeat; i++)
        {
            if (timestampMs != 0)
            {
                histogram.recordAt(scaled, timestampMs);
            }
            else
            {
                histogram.record(scaled);
            }
        }
    }
}

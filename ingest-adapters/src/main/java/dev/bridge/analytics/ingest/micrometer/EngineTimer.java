package dev.bridge.analytics.ingest.micrometer;

import dev.bridge.analytics.HistogramHandle;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;

import java.util.concurrent.TimeUnit;

/**
 * A Micrometer timer that also records every duration into an engine histogram (when mapped), converted to the
 * metric's time unit and rounded. Its own statistics (count, total, max, the configured percentiles) are
 * Micrometer's. Thread-safe.
 */
final class EngineTimer extends CumulativeTimer
{
    private final HistogramHandle histogram;
    private final double nanosPerUnit;

    EngineTimer(
        final Id id, final Clock clock, final DistributionStatisticConfig config, final PauseDetector pauseDetector,
        final TimeUnit baseTimeUnit, final HistogramHandle histogram, final double nanosPerUnit)
    {
        super(id, clock, config, pauseDetector, baseTimeUnit, false);
        this.histogram = histogram;
        this.nanosPerUnit = nanosPerUnit;
    }

    @Override
    protected void recordNonNegative(final long amount, final TimeUnit unit)
    {
        super.recordNonNegative(amount, unit);
        if (histogram != null)
        {
            histogram.record(unit.toNanos(amount) / nanosPerUnit);
        }
    }
}

package dev.bridge.analytics.ingest.micrometer;

import dev.bridge.analytics.HistogramHandle;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.cumulative.CumulativeDistributionSummary;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * A Micrometer distribution summary that also records every (scaled) amount into an engine histogram (when mapped),
 * in the metric's unit, rounded. Thread-safe.
 */
final class EngineDistributionSummary extends CumulativeDistributionSummary
{
    private final HistogramHandle histogram;

    EngineDistributionSummary(
        final Id id, final Clock clock, final DistributionStatisticConfig config, final double scale,
        final HistogramHandle histogram)
    {
        super(id, clock, config, scale, false);
        this.histogram = histogram;
    }

    @Override
    protected void recordNonNegative(final double amount)
    {
        super.recordNonNegative(amount);
        if (histogram != null)
        {
            histogram.record(amount);
        }
    }
}

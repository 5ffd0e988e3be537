package dev.bridge.analytics.ingest.micrometer;

import dev.bridge.analytics.HistogramHandle;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.internal.DefaultLongTaskTimer;

import java.util.concurrent.TimeUnit;

/**
 * A Micrometer long task timer whose finished tasks' durations are recorded into an engine histogram (when mapped
 * to one), in the metric's time unit; mapped to a gauge instead, the registry's poll publishes the number of active
 * tasks. Starting a task allocates its sample (as Micrometer's own does). Thread-safe.
 */
final class EngineLongTaskTimer extends DefaultLongTaskTimer
{
    private final HistogramHandle histogram;
    private final double nanosPerUnit;

    EngineLongTaskTimer(
        final Id id, final Clock clock, final TimeUnit baseTimeUnit, final DistributionStatisticConfig config,
        final HistogramHandle histogram, final double nanosPerUnit)
    {
        super(id, clock, baseTimeUnit, config, false);
        this.histogram = histogram;
        this.nanosPerUnit = nanosPerUnit;
    }

    @Override
    public Sample start()
    {
        final Sample task = super.start();
        if (histogram == null)
        {
            return task;
        }
        return new Sample()
        {
            @Override
            public long stop()
            {
                final long nanos = task.stop();
                if (nanos >= 0)
                {
                    histogram.record(nanos / nanosPerUnit);
                }
                return nanos;
            }

            @Override
            public double duration(final TimeUnit unit)
            {
                return task.duration(unit);
            }
        };
    }
}

package dev.bridge.analytics.ingest.micrometer;

import dev.bridge.analytics.GaugeHandle;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;

import java.util.function.DoubleSupplier;

/**
 * A meter whose value Micrometer reads on demand (gauges, function counters, a long task timer's active tasks): the
 * registry's poll publishes it into the engine. Not thread-safe: {@link AnalyticsMeterRegistry#poll()} serialises
 * polls.
 */
abstract class PolledMeter
{
    /** Reads the meter and publishes it; may throw whatever the user's function throws (the poll counts it). */
    abstract void poll();

    /** A gauge, a time gauge or a long task timer's active tasks: set the engine gauge to the value read. */
    static PolledMeter gauge(final DoubleSupplier value, final GaugeHandle gauge)
    {
        return new PolledMeter()
        {
            @Override
            void poll()
            {
                final double v = value.getAsDouble();
                if (Double.isFinite(v))
                {
                    gauge.set(v);
                }
            }
        };
    }

    static PolledMeter gauge(final Gauge meter, final GaugeHandle gauge)
    {
        return gauge(meter::value, gauge);
    }

    static PolledMeter activeTasks(final LongTaskTimer meter, final GaugeHandle gauge)
    {
        return gauge(meter::activeTasks, gauge);
    }

    /** A function counter: add what its cumulative count gained since the previous poll (all of it the first time). */
    static PolledMeter counter(final FunctionCounter meter, final CarryingCounter counter)
    {
        return new PolledMeter()
        {
            private double last;

            @Override
            void poll()
            {
                final double count = meter.count();
                if (Double.isFinite(count) && count > last)
                {
                    counter.add(count - last);
                    last = count;
                }
            }
        };
    }
}

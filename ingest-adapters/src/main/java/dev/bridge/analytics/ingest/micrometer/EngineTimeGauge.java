package dev.bridge.analytics.ingest.micrometer;

import io.micrometer.core.instrument.AbstractMeter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;

import java.util.concurrent.TimeUnit;

/** A time gauge reading a gauge that already converts to the registry's base time unit. Thread-safe. */
final class EngineTimeGauge extends AbstractMeter implements TimeGauge
{
    private final Gauge inBaseUnit;
    private final TimeUnit baseTimeUnit;

    EngineTimeGauge(final Id id, final Gauge inBaseUnit, final TimeUnit baseTimeUnit)
    {
        super(id);
        this.inBaseUnit = inBaseUnit;
        this.baseTimeUnit = baseTimeUnit;
    }

    @Override
    public TimeUnit baseTimeUnit()
    {
        return baseTimeUnit;
    }

    @Override
    public double value()
    {
        return inBaseUnit.value();
    }
}

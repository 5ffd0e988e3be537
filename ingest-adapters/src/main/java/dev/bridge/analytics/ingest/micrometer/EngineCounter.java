package dev.bridge.analytics.ingest.micrometer;

import io.micrometer.core.instrument.cumulative.CumulativeCounter;

/** A Micrometer counter that also adds every increment to an engine counter (when mapped). Thread-safe. */
final class EngineCounter extends CumulativeCounter
{
    private final CarryingCounter engine;

    EngineCounter(final Id id, final CarryingCounter engine)
    {
        super(id);
        this.engine = engine;
    }

    @Override
    public void increment(final double amount)
    {
        super.increment(amount);
        if (engine != null)
        {
            engine.add(amount);
        }
    }
}

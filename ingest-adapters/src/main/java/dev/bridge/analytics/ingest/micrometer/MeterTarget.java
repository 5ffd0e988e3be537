package dev.bridge.analytics.ingest.micrometer;

import dev.bridge.analytics.config.MetricDefinition;

/**
 * What a Micrometer meter records into: a catalog metric and the label pairs its tags gave, or nothing (the meter
 * then only keeps its own Micrometer statistics). Immutable, thread-safe.
 *
 * @param metric     the catalog metric, null when the meter is not recorded into the engine.
 * @param labelPairs label name, value, ... for the handle.
 * @param problem    why the meter is not recorded (null when it is).
 */
record MeterTarget(MetricDefinition metric, String[] labelPairs, String problem)
{
    static MeterTarget none(final String problem)
    {
        return new MeterTarget(null, new String[0], problem);
    }

    boolean recorded()
    {
        return metric != null;
    }
}

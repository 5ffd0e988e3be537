package dev.bridge.analytics.bench;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.pipeline.SelfMetric;

/**
 * The engine's event accounting at one moment: published (ring + dropped), aggregated, rejected, dropped.
 * Sampled gauges and self-metric gauges recorded by the engine itself do not go through the ring and appear in
 * none of these counters. Immutable; thread-safe.
 */
public record EngineCounts(long published, long aggregated, long rejected, long dropped)
{
    /** Reads the counters (call after {@link AnalyticsEngine#flush()} for settled figures). */
    public static EngineCounts read(final AnalyticsEngine engine)
    {
        return new EngineCounts(
            engine.eventsPublished(),
            engine.selfMetric(SelfMetric.EVENTS_AGGREGATED),
            engine.selfMetric(SelfMetric.EVENTS_REJECTED),
            engine.selfMetric(SelfMetric.EVENTS_DROPPED));
    }

    /** @return events published but neither aggregated, rejected nor dropped: must be 0 after a flush. */
    public long lost()
    {
        return published - aggregated - dropped - rejected;
    }
}

package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.pipeline.SelfMetric;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine's facts for {@code /api/health}: events published, aggregated, rejected, dropped and late (the
 * engine's own counters, read without a query), and whether the store was recovered after an unclean stop.
 * Stateless; the supplier is thread-safe.
 */
public final class EngineHealth
{
    private EngineHealth()
    {
    }

    /** @return a supplier reading {@code engine}'s counters at each call. */
    public static Supplier<Map<String, Object>> of(final AnalyticsEngine engine)
    {
        return () ->
        {
            final Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("events_published", engine.eventsPublished());
            facts.put("events_aggregated", engine.selfMetric(SelfMetric.EVENTS_AGGREGATED));
            facts.put("events_rejected", engine.selfMetric(SelfMetric.EVENTS_REJECTED));
            facts.put("events_dropped", engine.selfMetric(SelfMetric.EVENTS_DROPPED));
            facts.put("events_late", engine.selfMetric(SelfMetric.EVENTS_LATE));
            facts.put("recovered_store", engine.recoveredStore());
            return facts;
        };
    }
}

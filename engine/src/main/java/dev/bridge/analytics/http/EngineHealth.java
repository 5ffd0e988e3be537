package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.pipeline.SelfMetric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine's facts for {@code /api/health}: events published, aggregated, rejected, dropped and late (the
 * engine's own counters, read without a query), the shared ring's capacity and free slots now, handler errors and store write failures, whether the store was
 * recovered after an unclean stop or records lost writes, and the status these give:
 * <pre>{@code
 * "status":"degraded","degraded_reasons":["handler_errors","store_write_failures"],
 * "events_published":..,"events_dropped":0,..,"handler_errors":12,"store_write_failures":12,"store_lost_writes":true
 * }</pre>
 * {@code status} is {@code ok} when none of {@link #DEGRADED_REASONS} applies, else {@code degraded} (the HTTP
 * status stays 200: the server answers; a probe that must fail on degraded reads the field). A reason applies when
 * its count is above 0 ({@code store_lost_writes}: the store's {@code write-failures.log} exists, also from an
 * earlier run, until the store is rebuilt). Stateless; the supplier is thread-safe.
 */
public final class EngineHealth
{
    /** The reasons that make the status {@code degraded}, in the order they are listed. */
    public static final List<String> DEGRADED_REASONS =
        List.of("handler_errors", "store_write_failures", "store_lost_writes", "events_dropped");

    private EngineHealth()
    {
    }

    /** @return a supplier reading {@code engine}'s counters at each call. */
    public static Supplier<Map<String, Object>> of(final AnalyticsEngine engine)
    {
        return () ->
        {
            final long handlerErrors = engine.selfMetric(SelfMetric.HANDLER_ERRORS);
            final long writeFailures = engine.selfMetric(SelfMetric.STORE_WRITE_FAILURES);
            final long dropped = engine.selfMetric(SelfMetric.EVENTS_DROPPED);
            final boolean lostWrites = engine.storeLostWrites();
            final List<String> reasons = new ArrayList<>();
            add(reasons, "handler_errors", handlerErrors > 0);
            add(reasons, "store_write_failures", writeFailures > 0);
            add(reasons, "store_lost_writes", lostWrites);
            add(reasons, "events_dropped", dropped > 0);
            final Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("status", reasons.isEmpty() ? "ok" : "degraded");
            facts.put("degraded_reasons", reasons);
            facts.put("events_published", engine.eventsPublished());
            facts.put("events_aggregated", engine.selfMetric(SelfMetric.EVENTS_AGGREGATED));
            facts.put("events_rejected", engine.selfMetric(SelfMetric.EVENTS_REJECTED));
            facts.put("events_dropped", dropped);
            facts.put("events_late", engine.selfMetric(SelfMetric.EVENTS_LATE));
            facts.put("ring_capacity", engine.selfMetric(SelfMetric.RING_CAPACITY));
            facts.put("ring_remaining", engine.selfMetric(SelfMetric.RING_REMAINING));
            facts.put("handler_errors", handlerErrors);
            facts.put("store_write_failures", writeFailures);
            facts.put("store_lost_writes", lostWrites);
            facts.put("recovered_store", engine.recoveredStore());
            return facts;
        };
    }

    private static void add(final List<String> reasons, final String reason, final boolean applies)
    {
        if (applies)
        {
            reasons.add(reason);
        }
    }
}

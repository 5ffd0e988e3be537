package dev.bridge.analytics.ingest.statsd;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.CounterHandle;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;

import java.util.List;
import java.util.Optional;

/**
 * Records the listener's counts into the engine as two counters with an {@code outcome} label, when the catalog
 * declares them ({@link StatsdCatalog#selfMetrics()}): {@value #LINES} by {@link LineOutcome} and {@value #DATAGRAMS} by
 * {@link DatagramOutcome}. Each {@link #publish} adds what changed since the previous one. A metric missing from the
 * catalog (or of another shape) is not recorded; the counts stay readable through {@link StatsdCounters}.
 * <p>
 * Not thread-safe: one thread publishes (the receiving thread, every second and at close).
 */
final class StatsdSelfMetrics
{
    /** Lines by outcome. */
    static final String LINES = "statsd_lines";
    /** Datagrams by outcome. */
    static final String DATAGRAMS = "statsd_datagrams";
    private static final String OUTCOME = "outcome";

    private final CounterHandle[] lineHandles;
    private final CounterHandle[] datagramHandles;
    private final long[] publishedLines = new long[LineOutcome.values().length];
    private final long[] publishedDatagrams = new long[DatagramOutcome.values().length];

    StatsdSelfMetrics(final AnalyticsEngine engine)
    {
        lineHandles = declared(engine, LINES) ? new CounterHandle[LineOutcome.values().length] : null;
        if (lineHandles != null)
        {
            for (final LineOutcome o : LineOutcome.values())
            {
                lineHandles[o.ordinal()] = engine.counter(LINES, OUTCOME, o.label());
            }
        }
        datagramHandles = declared(engine, DATAGRAMS) ? new CounterHandle[DatagramOutcome.values().length] : null;
        if (datagramHandles != null)
        {
            for (final DatagramOutcome o : DatagramOutcome.values())
            {
                datagramHandles[o.ordinal()] = engine.counter(DATAGRAMS, OUTCOME, o.label());
            }
        }
    }

    /** @return the catalog entries these counters need; see {@link StatsdCatalog#selfMetrics()}. */
    static List<MetricDefinition> definitions()
    {
        return List.of(
            new MetricDefinition(LINES, MetricType.COUNTER, "lines",
                "StatsD lines received by the listener, by outcome (accepted, malformed, unmapped, rejected, event, " +
                    "service_check).", List.of(OUTCOME), null),
            new MetricDefinition(DATAGRAMS, MetricType.COUNTER, "datagrams",
                "StatsD datagrams: processed, oversized (skipped whole) and kernel_dropped (socket buffer full).",
                List.of(OUTCOME), null));
    }

    /** Adds to the engine's counters what {@code counters} gained since the last call. */
    void publish(final StatsdCounters counters)
    {
        if (lineHandles != null)
        {
            for (final LineOutcome o : LineOutcome.values())
            {
                final long now = counters.lines(o);
                final long delta = now - publishedLines[o.ordinal()];
                if (delta > 0)
                {
                    lineHandles[o.ordinal()].add(delta);
                    publishedLines[o.ordinal()] = now;
                }
            }
        }
        if (datagramHandles != null)
        {
            for (final DatagramOutcome o : DatagramOutcome.values())
            {
                final long now = counters.datagrams(o);
                final long delta = now - publishedDatagrams[o.ordinal()];
                if (delta > 0)
                {
                    datagramHandles[o.ordinal()].add(delta);
                    publishedDatagrams[o.ordinal()] = now;
                }
            }
        }
    }

    private static boolean declared(final AnalyticsEngine engine, final String name)
    {
        final Optional<MetricDefinition> metric = engine.config().metric(name);
        return metric.isPresent() && metric.get().type() == MetricType.COUNTER &&
            metric.get().labels().equals(List.of(OUTCOME));
    }
}

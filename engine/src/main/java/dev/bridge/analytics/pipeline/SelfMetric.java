package dev.bridge.analytics.pipeline;

import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.MetricType;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The engine's own metrics: the one descriptor list (id: the ordinal, name: {@link #metricName()}, help, unit,
 * type: {@link #isCounter()}), in the manner of Aeron's {@code SystemCounterDescriptor}. One Agrona counter each is
 * allocated in one place, {@link EngineCounters}, and handed to its owner (pipeline, alert manager, StatsD push,
 * remote-write exporter), which updates it directly. The consumer also records each one as a gauge series named
 * {@link #metricName()} at every resource sampling tick, so the stats API reads them like any other metric. Names
 * start with {@code engine_}, which user catalogs may not use. The alert, StatsD-push and remote-write counts stay 0
 * when alerting or the push is off.
 * <p>
 * Internally every self-metric is a gauge series (the sampled value); exports give each its Prometheus type from
 * one table here ({@link #isCounter()}): running counts as counters named {@code <name>_total}, levels as gauges.
 */
public enum SelfMetric
{
    EVENTS_PUBLISHED("events", "Events offered by producers: in the ring, dropped, and counter increments/adds (recorded in per-thread cells, rejected ones included)."),
    EVENTS_AGGREGATED("events", "Events validated and added to the aggregates."),
    EVENTS_REJECTED("events", "Events rejected by classify: NaN, negative where forbidden, unknown series, timestamp out of range."),
    EVENTS_DROPPED("events", "Events dropped because the recording thread's ring was full (overflow_policy: drop)."),
    EVENTS_LATE("events", "Events older than their series' live raw bucket, merged into the stored bucket."),
    VALUES_EXPIRED("values", "Values older than raw_retention: kept only in the rollups whose retention covers them."),
    BATCHES("batches", "Batches the consumer processed."),
    MAX_BATCH_SIZE("events", "Largest batch the consumer processed (events read from one ring in one pass, at most 1024)."),
    RING_CAPACITY("slots", "Slots of the shared ring (engine.ring_size), used by threads beyond engine.max_producer_threads."),
    RING_REMAINING("slots", "Free slots of the shared ring at the last sampling tick."),
    HANDLER_ERRORS("errors", "Exceptions caught in the pipeline stages (logged once per distinct error)."),
    COMMITS("commits", "Commits of live buckets to the store."),
    SERIES("series", "Series registered."),
    SERIES_OVERFLOWED("resolutions", "Handle resolutions redirected to an overflow series by the label cardinality limit."),
    STORE_BUCKETS("buckets", "Aggregate buckets in the store."),
    STORE_OFF_HEAP_BYTES("bytes", "Off-heap bytes used by the store."),
    ALERT_EVALUATIONS("evaluations", "Alert rule evaluations."),
    ALERT_EVALUATION_ERRORS("errors", "Alert rule evaluations that failed (logged once per distinct error)."),
    ALERT_NOTIFICATIONS("notifications", "Alert notifications handed to the receivers."),
    ALERT_SINK_ERRORS("errors", "Alert receivers or listeners that threw (counted, logged once)."),
    ALERT_WEBHOOK_FAILED("notifications", "Webhook notifications given up after their retries or refused with a 4xx."),
    ALERT_WEBHOOK_DROPPED("notifications", "Webhook notifications dropped because the sender's queue was full."),
    STATSD_PUSH_PACKETS("packets", "Datagrams sent by the StatsD push (export.statsd)."),
    STATSD_PUSH_FAILURES("packets", "Datagrams the StatsD push could not send (unresolved host, socket error)."),
    STATSD_PUSH_DROPPED_LINES("lines", "Lines the StatsD push dropped: longer than max_packet_bytes on their own."),
    REMOTE_WRITE_SAMPLES("samples", "Samples and native histograms the remote-write receiver acknowledged (export.remote_write)."),
    REMOTE_WRITE_FAILED_ATTEMPTS("requests", "Remote-write attempts that failed with a 5xx or 429 answer or a network error (retried)."),
    REMOTE_WRITE_DROPPED_SAMPLES("samples", "Remote-write samples the receiver refused with a 4xx answer (dropped, not retried)."),
    REMOTE_WRITE_FOLDED_STEPS("steps", "Remote-write steps older than raw_retention when their turn came, sent as one sample read from the rollups."),
    STORE_WRITE_FAILURES("writes", "Bucket writes the store refused (a full map): the bucket stays in memory and is retried at each commit; /api/health says degraded."),
    VALUES_SATURATED("additions", "Additions to a bucket's count or sum (live buckets, rollups, late merges) that passed the 64-bit range: the total stays at the bound (Long.MAX_VALUE or Long.MIN_VALUE) instead of wrapping."),
    RECORDING_THREADS("threads", "Threads holding counter cells (decentralized counters): one block per thread that called increment/add, removed at the first commit after the thread ended."),
    PRODUCER_RINGS("rings", "Per-thread rings owned by a recording thread (histogram, gauge, addAt): at most engine.max_producer_threads; a ring whose thread ended is drained and reused."),
    PRODUCER_RING_FALLBACKS("threads", "Recording threads that found no free per-thread ring (engine.max_producer_threads reached) and publish into the shared ring for their lifetime (monotonic)."),
    VALUES_ABOVE_HIGHEST("values", "Histogram values above their metric's highest: kept exactly in count, sum, max and exact samples, recorded as highest in the HdrHistogram (percentiles there read highest, flagged above_highest); raise highest if this grows.");

    /**
     * The Prometheus type of each self-metric, one table for every export (scrape, remote write, docs): running
     * counts since the engine started export as counters ({@code <name>_total}, reset to 0 at a restart, which
     * Prometheus' {@code rate()} handles as a counter reset), levels as gauges. A constant in neither set fails
     * the class's initialisation: whoever appends one must say which it is.
     */
    private static final Set<SelfMetric> COUNTERS = EnumSet.of(
        EVENTS_PUBLISHED, EVENTS_AGGREGATED, EVENTS_REJECTED, EVENTS_DROPPED, EVENTS_LATE, VALUES_EXPIRED, BATCHES,
        HANDLER_ERRORS, COMMITS, SERIES_OVERFLOWED, ALERT_EVALUATIONS, ALERT_EVALUATION_ERRORS, ALERT_NOTIFICATIONS,
        ALERT_SINK_ERRORS, ALERT_WEBHOOK_FAILED, ALERT_WEBHOOK_DROPPED, STATSD_PUSH_PACKETS, STATSD_PUSH_FAILURES,
        STATSD_PUSH_DROPPED_LINES, REMOTE_WRITE_SAMPLES, REMOTE_WRITE_FAILED_ATTEMPTS, REMOTE_WRITE_DROPPED_SAMPLES,
        REMOTE_WRITE_FOLDED_STEPS, STORE_WRITE_FAILURES, VALUES_SATURATED, PRODUCER_RING_FALLBACKS,
        VALUES_ABOVE_HIGHEST);
    /** Levels: a value that may go down, or a maximum or capacity. */
    private static final Set<SelfMetric> GAUGES = EnumSet.of(
        MAX_BATCH_SIZE, RING_CAPACITY, RING_REMAINING, SERIES, STORE_BUCKETS, STORE_OFF_HEAP_BYTES, RECORDING_THREADS,
        PRODUCER_RINGS);
    private static final Map<String, SelfMetric> BY_NAME = new HashMap<>();

    static
    {
        for (final SelfMetric m : values())
        {
            if (COUNTERS.contains(m) == GAUGES.contains(m))
            {
                throw new IllegalStateException("SelfMetric." + m.name() +
                    " must be in exactly one of COUNTERS and GAUGES (its Prometheus type)");
            }
            BY_NAME.put(m.metricName(), m);
        }
    }

    private final String unit;
    private final String help;
    private final MetricDefinition definition;

    SelfMetric(final String unit, final String help)
    {
        this.unit = unit;
        this.help = help;
        this.definition = new MetricDefinition(metricName(), MetricType.GAUGE, unit, help, List.of(), null);
    }

    /** @return the metric name, e.g. {@code engine_events_aggregated}. */
    public String metricName()
    {
        return "engine_" + name().toLowerCase(Locale.ROOT);
    }

    /** @return the unit of the counter. */
    public String unit()
    {
        return unit;
    }

    /** @return the one-line description. */
    public String help()
    {
        return help;
    }

    /**
     * @return true when the value is a running count since the engine started (exported as a Prometheus counter),
     *         false when it is a level (a gauge).
     */
    public boolean isCounter()
    {
        return COUNTERS.contains(this);
    }

    /** @return the self-metric whose {@link #metricName()} is {@code name}, or null (a catalog metric). */
    public static SelfMetric byMetricName(final String name)
    {
        return BY_NAME.get(name);
    }

    /** @return the catalog definition of the gauge series that mirrors this counter. */
    public MetricDefinition definition()
    {
        return definition;
    }
}

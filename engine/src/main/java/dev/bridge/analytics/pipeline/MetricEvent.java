package dev.bridge.analytics.pipeline;

import com.lmax.disruptor.EventFactory;

/**
 * One ring slot. Preallocated by {@link #FACTORY} and overwritten in place: a producer writes every field
 * between {@code next()} and {@code publish()}, the classify stage validates and stamps it, later stages read it.
 * Internal: not part of the public API. Fields are plain; the ring's sequences order the writes between threads.
 */
public final class MetricEvent
{
    /** Producer side: the double value was NaN or infinite; the event is counted as rejected. */
    public static final int FLAG_NOT_A_NUMBER = 1;
    /** Set by classify when the event is valid; later stages skip events without it. */
    public static final int FLAG_ACCEPTED = 1 << 1;

    public static final EventFactory<MetricEvent> FACTORY = MetricEvent::new;

    /** Series the value belongs to, from a resolved handle. */
    public int seriesId;
    /** {@code FLAG_*} bits. */
    public int flags;
    /** The value, in the metric's unit. */
    public long value;
    /** Event time in epoch milliseconds; 0 = stamp with the consumer's batch time. */
    public long timestampMs;
    /** Gauge order stamp ({@link GaugeOrders}): a higher one was set later; 0 for events of other types. */
    public long order;
}

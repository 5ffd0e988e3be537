package dev.bridge.analytics.config;

/** What a producer does when the ring is full. YAML: {@code block} or {@code drop}. */
public enum OverflowPolicy
{
    /** Wait for a free slot: nothing is ever lost. */
    BLOCK,
    /** Never wait: the event is dropped and counted in the {@code engine_events_dropped} counter. */
    DROP
}

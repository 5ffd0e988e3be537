package dev.bridge.analytics.pipeline;

/**
 * A consumer stage that keeps live per-series state and writes it to the store. Called from its one consumer
 * thread only.
 */
interface CommittingStage
{
    /** Adds one accepted event (its timestamp already stamped by classify). */
    void onEvent(MetricEvent event);

    /** Writes every live bucket touched since the last commit to the store. */
    void commit();

    /** Removes the buckets whose retention has passed by {@code nowMs}. */
    void expire(long nowMs);
}

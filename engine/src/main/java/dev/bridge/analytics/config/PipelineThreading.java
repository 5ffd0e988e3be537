package dev.bridge.analytics.config;

/** Threads of the handler chain. YAML: {@code single_thread} or {@code per_stage}. */
public enum PipelineThreading
{
    /** classify, bucket and histogram run one after the other on one consumer thread. */
    SINGLE_THREAD,
    /** One consumer thread per stage, chained by sequence barriers. */
    PER_STAGE
}

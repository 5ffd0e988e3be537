package dev.bridge.analytics.config;

/** How the consumer waits for events. YAML: {@code blocking}, {@code sleeping}, {@code yielding}, {@code busy_spin}. */
public enum WaitStrategyType
{
    /** Lock and condition: frees the CPU, costs a lock + signal on every publish. */
    BLOCKING,
    /** Spin, then yield, then park 100 us: near-yielding speed, frees the CPU when idle. */
    SLEEPING,
    /** Spin then Thread.yield(): lowest latency that still lets other threads run. */
    YIELDING,
    /** Spin forever: one core burnt for the consumer. */
    BUSY_SPIN
}

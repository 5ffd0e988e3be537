package dev.bridge.analytics.config;

/** What the StatsD listener does with a name no mapping matches ({@code statsd.unmapped}). */
public enum StatsdUnmappedPolicy
{
    /** Counted ({@code statsd_lines{outcome="unmapped"}}) and skipped. */
    REJECT,
    /**
     * Recorded under the catch-all metric of its StatsD type ({@link StatsdAutoRegister}) with the StatsD name as
     * its {@code name} label: one series per name up to the engine's {@code label_cardinality_limit}, then the
     * metric's overflow series (totals stay exact).
     */
    AUTO_REGISTER
}

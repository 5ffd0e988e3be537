package dev.bridge.analytics.ingest.statsd;

import java.util.Locale;

/**
 * What became of one non-empty line: every line gets exactly one outcome, counted in {@link StatsdCounters} and
 * recorded as {@code statsd_lines{outcome="..."}} when the catalog declares that metric.
 */
public enum LineOutcome
{
    /** Parsed and published (its values, a packed line's every value, went into the ring). */
    ACCEPTED,
    /** Not valid StatsD: skipped, the rest of the datagram is still read. */
    MALFORMED,
    /** No mapping matched and the policy is {@code reject}, or auto-registration had no catch-all metric. */
    UNMAPPED,
    /**
     * Mapped, but its metric cannot take it: not in the catalog, of another type, a timer into a metric without a
     * time unit, an unknown label, no room for a series, a histogram sample rate below 1/{@value
     * HistogramTarget#MAX_REPEAT}, or a value outside the 64-bit range of its type (a counter's value / sample rate, a
     * gauge's value or the gauge after a delta, a timer's or histogram's value in the metric's unit).
     */
    REJECTED,
    /** A DogStatsD event ({@code _e{}): counted and skipped. */
    EVENT,
    /** A DogStatsD service check ({@code _sc|}): counted and skipped. */
    SERVICE_CHECK;

    /** @return the {@code outcome} label value: the name in lower case. */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}

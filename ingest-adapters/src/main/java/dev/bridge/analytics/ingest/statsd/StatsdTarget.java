package dev.bridge.analytics.ingest.statsd;

/**
 * What a line's key resolved to: a series to publish into (with the state its type needs: a gauge's current value,
 * a set's members) or a fixed outcome. Targets are created on the resolution path and cached by {@link NameCache};
 * {@link #onLine} is the per-line path: no allocation, nothing thrown.
 * <p>
 * Not thread-safe: used by the receiving thread only.
 */
abstract class StatsdTarget
{
    /**
     * Publishes the line's values.
     *
     * @param line  a parsed line whose key resolved to this target.
     * @param nowMs the receiving thread's clock, read once per datagram batch.
     * @return the line's outcome.
     */
    abstract LineOutcome onLine(StatsdLine line, long nowMs);

    /** A target that publishes nothing and answers a fixed outcome (unmapped, rejected, malformed tags). */
    static final class Fixed extends StatsdTarget
    {
        private final LineOutcome outcome;

        Fixed(final LineOutcome outcome)
        {
            this.outcome = outcome;
        }

        @Override
        LineOutcome onLine(final StatsdLine line, final long nowMs)
        {
            return outcome;
        }

        @Override
        public String toString()
        {
            return outcome.label();
        }
    }
}

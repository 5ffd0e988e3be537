package dev.bridge.analytics.bench;

/**
 * The outcome of {@code analytics bench}: settings, the engine run, and the Prometheus peer run (null with
 * {@code --no-baseline} or after a signal). Immutable; thread-safe.
 */
public record BenchResult(RunSettings settings, LoadResult load, PeerRun.Result peer)
{
    /** @return engine throughput / peer throughput, or null without a peer run. */
    public Double ratioToPeer()
    {
        return peer == null ? null : load.throughput() / peer.eventsPerSecond();
    }

    /** @return engine CPU per event / peer CPU per event, or null without a peer run (or a peer CPU of 0). */
    public Double cpuRatioToPeer()
    {
        return peer == null || peer.cpuNsPerEvent() == 0 ? null : load.cpuNsPerEvent() / peer.cpuNsPerEvent();
    }

    /** @return true when the engine lost nothing and the peer (if it ran) holds what was sent. */
    public boolean passed()
    {
        return load.passed() && (peer == null || peer.verification().passed());
    }

    /** @return the verdict line: {@code NO LOSS: <n> events, <k> series verified} or {@code LOSS: ...}. */
    public String verdict()
    {
        final Verification v = load.verification();
        if (load.passed())
        {
            return String.format("NO LOSS: %d events, %d series verified", v.expectedEvents(), v.verifiedSeries());
        }
        final EngineCounts c = load.counts();
        return String.format(
            "LOSS: %d of %d series mismatched; engine accounting: %d unaccounted, %d dropped, %d rejected of %d published",
            v.mismatches().size(), v.verifiedSeries() + v.mismatches().size(), c.lost(), c.dropped(), c.rejected(),
            c.published());
    }
}

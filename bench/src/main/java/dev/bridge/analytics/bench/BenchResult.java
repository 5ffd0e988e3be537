package dev.bridge.analytics.bench;

/**
 * The outcome of {@code analytics bench}: settings, the engine run, and the baseline (null with
 * {@code --no-baseline}). Immutable; thread-safe.
 */
public record BenchResult(RunSettings settings, LoadResult load, BaselineRun.Result baseline)
{
    /** @return engine throughput / baseline throughput, or null without a baseline. */
    public Double ratioToBaseline()
    {
        return baseline == null ? null : load.throughput() / baseline.eventsPerSecond();
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

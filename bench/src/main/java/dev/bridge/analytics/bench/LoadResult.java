package dev.bridge.analytics.bench;

import java.util.List;

/**
 * Everything a load run measured on the engine. Immutable; thread-safe.
 *
 * @param warmUpEvents             events of the warm-up (verified, not timed).
 * @param timedEvents              events published in the timed window.
 * @param windowSeconds            from the start of timed publishing until the final flush returned.
 * @param runSeconds               warm-up start until the final flush returned.
 * @param aggregatedInWindow       events the engine aggregated during the window.
 * @param counts                   the engine's accounting after the final flush.
 * @param recordNs                 sampled publish cost.
 * @param producerAllocatedBytes   bytes the producer threads allocated during the window.
 * @param handlerAllocatedBytes    bytes the consumer threads allocated during the window.
 * @param verification             the per-series verdict.
 * @param dashboard                what the engine reports for the run.
 * @param tables                   the producers' workload tables (for the baseline).
 */
public record LoadResult(
    long warmUpEvents,
    long timedEvents,
    double windowSeconds,
    double runSeconds,
    long aggregatedInWindow,
    EngineCounts counts,
    RecordCost recordNs,
    long producerAllocatedBytes,
    long handlerAllocatedBytes,
    Verification verification,
    DashboardFigures dashboard,
    List<WorkloadTable> tables)
{
    /** @return events aggregated per second of the window, end to end. */
    public double throughput()
    {
        return aggregatedInWindow / windowSeconds;
    }

    /** @return producer bytes allocated per event published in the window. */
    public double producerBytesPerEvent()
    {
        return timedEvents == 0 ? 0 : (double)producerAllocatedBytes / timedEvents;
    }

    /** @return handler bytes allocated per event aggregated in the window. */
    public double handlerBytesPerEvent()
    {
        return aggregatedInWindow == 0 ? 0 : (double)handlerAllocatedBytes / aggregatedInWindow;
    }

    /** @return true when nothing was lost and every series verified. */
    public boolean passed()
    {
        return counts.lost() == 0 && verification.passed();
    }
}

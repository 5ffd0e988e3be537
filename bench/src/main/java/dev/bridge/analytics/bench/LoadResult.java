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
 * @param tables                   the producers' workload tables (for the peer run).
 * @param warmUpPerProducer        events each producer sent in the warm-up (for the peer run).
 * @param timedPerProducer         events each producer sent in the timed window (for the peer run).
 * @param producerCpuNs            CPU ns the producer threads used in the timed window (each measures its own).
 * @param engineThreadCpuNs        CPU ns the engine's threads (named {@code analytics-*}) used in the window, from
 *                                 the go until the final flush returned.
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
    List<WorkloadTable> tables,
    List<Long> warmUpPerProducer,
    List<Long> timedPerProducer,
    long producerCpuNs,
    long engineThreadCpuNs)
{
    /**
     * @return CPU ns of the producers and the engine's threads in the window per event published in it (0 for none).
     */
    public double cpuNsPerEvent()
    {
        return timedEvents == 0 ? 0 : (double)(producerCpuNs + engineThreadCpuNs) / timedEvents;
    }

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

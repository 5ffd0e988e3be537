package dev.bridge.analytics.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * The benchmarks of {@link HistogramRecordBase} plus ours with a labelled handle
 * ({@code jmh_latency_by_operation_us{operation="read"}}), for the one- and two-thread classes. Abstract, so JMH
 * generates no benchmark for it. Thread-safety: see {@link HistogramRecordBase}.
 */
public abstract class HistogramRecordLabelledBase extends HistogramRecordBase
{
    @Benchmark
    public void engineLabelled(final EngineState state, final ValueCursor values)
    {
        state.labelledHistogram.record(values.next());
    }
}

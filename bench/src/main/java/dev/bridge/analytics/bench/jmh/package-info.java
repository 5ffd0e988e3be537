/**
 * The JMH suite of the recording path: what one {@code increment}, {@code record} or {@code set} costs the calling
 * thread, with the engine's consumer running, next to the same call on Prometheus client_java, Micrometer,
 * the OpenTelemetry SDK, raw HdrHistogram and a raw Disruptor ring, all fed the same pre-generated log-normal
 * values ({@link dev.bridge.analytics.bench.jmh.LatencyValues}).
 * <p>
 * Layout (the matrix of issue 14): one {@code *Benchmark} class per operation (counter increment, gauge set,
 * histogram record) and thread layout: {@code @Threads(1)}, {@code @Threads(2)} ({@code *TwoThreadsBenchmark}) and
 * {@code @Threads(4)} ({@code *FourThreadsBenchmark}) with every thread on the same series, and
 * {@code *TwoSeriesBenchmark}: two threads, one series each ({@link dev.bridge.analytics.bench.jmh.SeriesIndex}).
 * Each class measures ours and the peers in the same run. The peers' states are shared by every class of an
 * operation ({@link dev.bridge.analytics.bench.jmh.CounterStates}, {@link dev.bridge.analytics.bench.jmh.GaugeStates},
 * {@link dev.bridge.analytics.bench.jmh.HistogramStates}), {@link dev.bridge.analytics.bench.jmh.EngineState} is ours.
 * {@link dev.bridge.analytics.bench.jmh.ResultsTable} turns the JSON of a run into the JMH section of
 * {@code bench/RESULTS.md} (with {@link dev.bridge.analytics.bench.jmh.MatrixTable} and
 * {@link dev.bridge.analytics.bench.jmh.Goals}); {@link dev.bridge.analytics.bench.jmh.RecordCostChart} times single
 * calls into HdrHistograms and draws them. {@code bench/run.sh quick|full|matrix} runs them.
 * <p>
 * Back-pressure: the engine's default {@code overflow_policy: block} makes a producer wait for a free slot when the
 * consumer falls a full ring behind. The benchmarks keep that policy, so a producer that outruns the consumer for
 * long enough measures the consumer's per-event cost: that is what the recording path really costs at that rate.
 */
package dev.bridge.analytics.bench.jmh;

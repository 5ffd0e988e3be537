/**
 * The JMH suite of the recording path: what one {@code increment}, {@code record} or {@code set} costs the calling
 * thread, with the engine's consumer running, next to the same call on Prometheus client_java, Micrometer,
 * the OpenTelemetry SDK, raw HdrHistogram and a raw Disruptor ring, all fed the same pre-generated log-normal
 * values ({@link dev.bridge.analytics.bench.jmh.LatencyValues}).
 * <p>
 * Layout: one {@code *Benchmark} class per operation and thread count ({@code @Threads(1)}, {@code @Threads(2)} or,
 * for counters, {@code @Threads(4)}, every thread on the same series; {@code CounterIncrementTwoSeriesBenchmark}: two
 * threads, one series each), a nested {@code @State} per competing library, {@link
 * dev.bridge.analytics.bench.jmh.EngineState} for ours. {@link dev.bridge.analytics.bench.jmh.ResultsTable} turns
 * the JSON of a run into the JMH section of {@code bench/RESULTS.md}; {@link
 * dev.bridge.analytics.bench.jmh.RecordCostChart} times single calls into HdrHistograms and draws them.
 * {@code bench/run.sh quick|full} runs all of it.
 * <p>
 * Back-pressure: the engine's default {@code overflow_policy: block} makes a producer wait for a free slot when the
 * consumer falls a full ring behind. The benchmarks keep that policy, so a producer that outruns the consumer for
 * long enough measures the consumer's per-event cost: that is what the recording path really costs at that rate.
 */
package dev.bridge.analytics.bench.jmh;

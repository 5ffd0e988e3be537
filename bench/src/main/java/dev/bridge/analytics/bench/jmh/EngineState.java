package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.CounterHandle;
import dev.bridge.analytics.GaugeHandle;
import dev.bridge.analytics.HistogramHandle;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Ours: a running {@link BenchEngine} (consumer thread included) shared by every benchmark thread of a trial, so
 * two threads publish into the same series. Started once per trial (fork), since the first start in a JVM costs
 * ~3.5 s; closed (flushed, store deleted) at the end of the trial. After each iteration it prints the consumer's
 * figures (backlog, batch sizes, free ring slots) to the JMH log.
 * <p>
 * Thread-safety: {@code Scope.Benchmark}; the handles are safe for any number of threads.
 */
@State(Scope.Benchmark)
public class EngineState
{
    /** The consumer's wait strategy, as in YAML. {@code sleeping} is the engine's default. */
    @Param({ "sleeping" })
    public String waitStrategy;

    /** {@code variable_read}. */
    public CounterHandle counter;
    /** {@code operation_error{operation="read"}}. */
    public CounterHandle labelledCounter;
    /** {@code read_latency_us}. */
    public HistogramHandle histogram;
    /** {@code jmh_latency_by_operation_us{operation="read"}}. */
    public HistogramHandle labelledHistogram;
    /** {@code active_sessions}. */
    public GaugeHandle gauge;
    /** {@code jmh_sessions_by_worker{worker="python-1"}}. */
    public GaugeHandle labelledGauge;
    /** The two series of the two-series benchmarks: {@code counter} and {@code labelledCounter}. */
    public CounterHandle[] counters;
    /** The two series of the two-series benchmarks: {@code histogram} and {@code labelledHistogram}. */
    public HistogramHandle[] histograms;
    /** The two series of the two-series benchmarks: {@code gauge} and {@code labelledGauge}. */
    public GaugeHandle[] gauges;

    private BenchEngine engine;

    @Setup(Level.Trial)
    public void start()
    {
        engine = BenchEngine.start(waitStrategy);
        counter = engine.counter();
        labelledCounter = engine.labelledCounter();
        histogram = engine.histogram();
        labelledHistogram = engine.labelledHistogram();
        gauge = engine.gauge();
        labelledGauge = engine.labelledGauge();
        counters = new CounterHandle[]{ counter, labelledCounter };
        histograms = new HistogramHandle[]{ histogram, labelledHistogram };
        gauges = new GaugeHandle[]{ gauge, labelledGauge };
    }

    @TearDown(Level.Iteration)
    public void report()
    {
        System.out.println(engine.consumerLine());
    }

    @TearDown(Level.Trial)
    public void stop()
    {
        engine.close();
    }
}

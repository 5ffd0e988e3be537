package dev.bridge.analytics.bench.jmh;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.metrics.LongHistogram;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * The histogram-record benchmarks that one and two producer threads share: ours ({@code HistogramHandle.record},
 * with and without labels) against Prometheus classic {@code Histogram.observe}, Micrometer {@code Timer.record}
 * with a percentile histogram, OpenTelemetry {@code LongHistogram.record}, HdrHistogram {@code Recorder.recordValue}
 * and a raw multi-producer Disruptor publish into a no-op handler. Every call records the next value of
 * {@link LatencyValues} (microseconds). Abstract, so JMH generates no benchmark for it: the subclasses
 * {@link HistogramRecordBenchmark} and {@link HistogramRecordTwoThreadsBenchmark} inherit these methods under
 * their own names and set {@code @Threads}.
 * <p>
 * Thread-safety: the nested states hold one pre-resolved instrument per library, shared by the benchmark threads
 * ({@code Scope.Benchmark}); all but {@link HdrHistogramState} (single writer) are safe for any number of threads.
 */
public abstract class HistogramRecordBase extends ProducerBenchmark
{
    /** Upper bounds of the Prometheus classic histogram, us: 12 buckets around the 200 us median (+Inf). */
    static final double[] PROMETHEUS_BOUNDS_US = {
        25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000 };

    /** Prometheus client_java 1.x classic-only histogram, exemplars off, in its own registry. */
    @State(Scope.Benchmark)
    public static class PrometheusState
    {
        public Histogram histogram;

        @Setup(Level.Trial)
        public void setUp()
        {
            histogram = Histogram.builder()
                .name("read_latency_us")
                .help("Latency of a variable read.")
                .classicUpperBounds(PROMETHEUS_BOUNDS_US)
                .classicOnly()
                .withoutExemplars()
                .register(new PrometheusRegistry());
        }
    }

    /** Micrometer {@code Timer} with {@code publishPercentileHistogram()} on a {@code PrometheusMeterRegistry}. */
    @State(Scope.Benchmark)
    public static class MicrometerState
    {
        public PrometheusMeterRegistry registry;
        public Timer timer;

        @Setup(Level.Trial)
        public void setUp()
        {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            timer = Timer.builder("read_latency").publishPercentileHistogram().register(registry);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            registry.close();
        }
    }

    /** OpenTelemetry SDK {@code LongHistogram}, default explicit buckets, behind a periodic reader. */
    @State(Scope.Benchmark)
    public static class OpenTelemetryState
    {
        public OtelMeters meters;
        public LongHistogram histogram;

        @Setup(Level.Trial)
        public void setUp()
        {
            meters = new OtelMeters();
            histogram = meters.meter().histogramBuilder("read_latency").setUnit("us").ofLongs().build();
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            meters.close();
        }
    }

    /** Raw HdrHistogram {@code Histogram} with the engine's range for {@code read_latency_us}: single writer. */
    @State(Scope.Benchmark)
    public static class HdrHistogramState
    {
        public org.HdrHistogram.Histogram histogram;

        @Setup(Level.Trial)
        public void setUp()
        {
            histogram = new org.HdrHistogram.Histogram(1, LatencyValues.MAX_US, 3);
        }
    }

    /** HdrHistogram {@code Recorder} (wait-free writers, any number) with the same range. */
    @State(Scope.Benchmark)
    public static class HdrRecorderState
    {
        public Recorder recorder;

        @Setup(Level.Trial)
        public void setUp()
        {
            recorder = new Recorder(1, LatencyValues.MAX_US, 3);
        }
    }

    @Benchmark
    public void engine(final EngineState state, final ValueCursor values)
    {
        state.histogram.record(values.next());
    }

    @Benchmark
    public void engineLabelled(final EngineState state, final ValueCursor values)
    {
        state.labelledHistogram.record(values.next());
    }

    @Benchmark
    public void prometheus(final PrometheusState state, final ValueCursor values)
    {
        state.histogram.observe(values.next());
    }

    @Benchmark
    public void micrometer(final MicrometerState state, final ValueCursor values)
    {
        state.timer.record(values.next(), TimeUnit.MICROSECONDS);
    }

    @Benchmark
    public void openTelemetry(final OpenTelemetryState state, final ValueCursor values)
    {
        state.histogram.record(values.next());
    }

    @Benchmark
    public void hdrRecorder(final HdrRecorderState state, final ValueCursor values)
    {
        state.recorder.recordValue(values.next());
    }

    @Benchmark
    public void disruptor(final RingStates.MultiProducer state, final ValueCursor values)
    {
        state.ring.publish(1, values.next());
    }
}

package dev.bridge.analytics.bench.jmh;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.metrics.LongHistogram;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The peers' histograms as JMH states, shared by every histogram-record benchmark. The library peers hold two
 * pre-resolved histograms, {@code histogram} (= {@code histograms[0]}, the one-series benchmarks) and
 * {@code histograms[1]} (the second thread's series in {@link HistogramRecordTwoSeriesBenchmark}); the raw
 * HdrHistogram baselines hold one.
 * <p>
 * Thread-safety: {@code Scope.Benchmark}, shared by the benchmark threads; all but {@link HdrHistogramState}
 * (single writer) are safe for any number.
 */
public final class HistogramStates
{
    /** Upper bounds of the Prometheus classic histogram, us: 12 buckets around the 200 us median (+Inf). */
    static final double[] PROMETHEUS_BOUNDS_US = {
        25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000 };

    private HistogramStates()
    {
    }

    /** Prometheus client_java 1.x classic-only histograms, exemplars off, in their own registry. */
    @State(Scope.Benchmark)
    public static class PrometheusState
    {
        public Histogram histogram;
        public Histogram[] histograms;

        @Setup(Level.Trial)
        public void setUp()
        {
            final PrometheusRegistry registry = new PrometheusRegistry();
            histograms = new Histogram[2];
            for (int i = 0; i < histograms.length; i++)
            {
                histograms[i] = Histogram.builder()
                    .name("read_latency_us_" + i)
                    .help("Latency of a variable read.")
                    .classicUpperBounds(PROMETHEUS_BOUNDS_US)
                    .classicOnly()
                    .withoutExemplars()
                    .register(registry);
            }
            histogram = histograms[0];
        }
    }

    /** Micrometer {@code Timer}s with {@code publishPercentileHistogram()} on a {@code PrometheusMeterRegistry}. */
    @State(Scope.Benchmark)
    public static class MicrometerState
    {
        public PrometheusMeterRegistry registry;
        public Timer timer;
        public Timer[] timers;

        @Setup(Level.Trial)
        public void setUp()
        {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            timers = new Timer[]{
                Timer.builder("read_latency_0").publishPercentileHistogram().register(registry),
                Timer.builder("read_latency_1").publishPercentileHistogram().register(registry) };
            timer = timers[0];
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            registry.close();
        }
    }

    /** OpenTelemetry SDK {@code LongHistogram}s, default explicit buckets, behind a periodic reader. */
    @State(Scope.Benchmark)
    public static class OpenTelemetryState
    {
        public OtelMeters meters;
        public LongHistogram histogram;
        public LongHistogram[] histograms;

        @Setup(Level.Trial)
        public void setUp()
        {
            meters = new OtelMeters();
            histograms = new LongHistogram[]{
                meters.meter().histogramBuilder("read_latency_0").setUnit("us").ofLongs().build(),
                meters.meter().histogramBuilder("read_latency_1").setUnit("us").ofLongs().build() };
            histogram = histograms[0];
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
}

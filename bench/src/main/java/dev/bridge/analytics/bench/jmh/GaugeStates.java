package dev.bridge.analytics.bench.jmh;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.metrics.LongGauge;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The peers' gauges as JMH states, shared by every gauge-set benchmark: each holds two pre-resolved gauges of one
 * library, {@code gauge} (= {@code gauges[0]}, the one-series benchmarks) and {@code gauges[1]} (the second
 * thread's series in {@link GaugeSetTwoSeriesBenchmark}).
 * <p>
 * Thread-safety: {@code Scope.Benchmark}, shared by the benchmark threads; the gauges are safe for any number.
 */
public final class GaugeStates
{
    private GaugeStates()
    {
    }

    /** Prometheus client_java 1.x gauges, exemplars off, in their own registry. */
    @State(Scope.Benchmark)
    public static class PrometheusState
    {
        public Gauge gauge;
        public Gauge[] gauges;

        @Setup(Level.Trial)
        public void setUp()
        {
            final PrometheusRegistry registry = new PrometheusRegistry();
            gauges = new Gauge[2];
            for (int i = 0; i < gauges.length; i++)
            {
                gauges[i] = Gauge.builder().name("active_sessions_" + i).help("Sessions open.").withoutExemplars()
                    .register(registry);
            }
            gauge = gauges[0];
        }
    }

    /**
     * Micrometer gauges as a Micrometer user sets one: a Micrometer gauge samples an object at scrape time and takes
     * no {@code set}, so the application registers an {@link AtomicLong} ({@code registry.gauge(name, atomic)}) and
     * sets that.
     */
    @State(Scope.Benchmark)
    public static class MicrometerState
    {
        public PrometheusMeterRegistry registry;
        public AtomicLong gauge;
        public AtomicLong[] gauges;

        @Setup(Level.Trial)
        public void setUp()
        {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            gauges = new AtomicLong[]{
                registry.gauge("active_sessions_0", new AtomicLong()), registry.gauge("active_sessions_1", new AtomicLong()) };
            gauge = gauges[0];
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            registry.close();
        }
    }

    /** OpenTelemetry SDK synchronous {@code LongGauge}s behind a periodic reader. */
    @State(Scope.Benchmark)
    public static class OpenTelemetryState
    {
        public OtelMeters meters;
        public LongGauge gauge;
        public LongGauge[] gauges;

        @Setup(Level.Trial)
        public void setUp()
        {
            meters = new OtelMeters();
            gauges = new LongGauge[]{
                meters.meter().gaugeBuilder("active_sessions_0").ofLongs().build(),
                meters.meter().gaugeBuilder("active_sessions_1").ofLongs().build() };
            gauge = gauges[0];
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            meters.close();
        }
    }
}

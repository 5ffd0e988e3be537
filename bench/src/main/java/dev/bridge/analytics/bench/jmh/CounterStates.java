package dev.bridge.analytics.bench.jmh;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.metrics.LongCounter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The peers' counters as JMH states, shared by every counter-increment benchmark: each holds two pre-resolved
 * counters of one library, {@code counter} (= {@code counters[0]}, the one-series benchmarks) and
 * {@code counters[1]} (the second thread's series in {@link CounterIncrementTwoSeriesBenchmark}).
 * <p>
 * Thread-safety: {@code Scope.Benchmark}, shared by the benchmark threads; the counters are safe for any number.
 */
public final class CounterStates
{
    private CounterStates()
    {
    }

    /** Prometheus client_java 1.x counters, exemplars off, in their own registry. */
    @State(Scope.Benchmark)
    public static class PrometheusState
    {
        public io.prometheus.metrics.core.metrics.Counter counter; // qualified: Micrometer's Counter is imported
        public io.prometheus.metrics.core.metrics.Counter[] counters; // qualified: Micrometer's Counter is imported

        @Setup(Level.Trial)
        public void setUp()
        {
            final PrometheusRegistry registry = new PrometheusRegistry();
            counters = new io.prometheus.metrics.core.metrics.Counter[2]; // qualified: Micrometer's Counter is imported
            for (int i = 0; i < counters.length; i++)
            {
                counters[i] = io.prometheus.metrics.core.metrics.Counter.builder() // qualified: Micrometer's Counter is imported
                    .name("variable_read_" + i).help("Variable reads.").withoutExemplars().register(registry);
            }
            counter = counters[0];
        }
    }

    /** Micrometer counters on a {@code PrometheusMeterRegistry}. */
    @State(Scope.Benchmark)
    public static class MicrometerState
    {
        public PrometheusMeterRegistry registry;
        public Counter counter;
        public Counter[] counters;

        @Setup(Level.Trial)
        public void setUp()
        {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            counters = new Counter[]{
                Counter.builder("variable_read_0").register(registry), Counter.builder("variable_read_1").register(registry) };
            counter = counters[0];
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            registry.close();
        }
    }

    /** OpenTelemetry SDK {@code LongCounter}s behind a periodic reader. */
    @State(Scope.Benchmark)
    public static class OpenTelemetryState
    {
        public OtelMeters meters;
        public LongCounter counter;
        public LongCounter[] counters;

        @Setup(Level.Trial)
        public void setUp()
        {
            meters = new OtelMeters();
            counters = new LongCounter[]{
                meters.meter().counterBuilder("variable_read_0").build(), meters.meter().counterBuilder("variable_read_1").build() };
            counter = counters[0];
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            meters.close();
        }
    }
}

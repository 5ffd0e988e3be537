package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.HistogramHandle;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.metrics.LongHistogram;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.HdrHistogram.Recorder;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The histogram-record implementations of the record-cost chart, set up as in {@link HistogramRecordBenchmark}.
 * {@link #open(String)} returns a fresh, running instance. Thread-safety: constants; see {@link RecordPath}.
 */
public enum RecordTarget
{
    ENGINE("ours: HistogramHandle.record")
    {
        @Override
        RecordPath open(final String waitStrategy)
        {
            final BenchEngine engine = BenchEngine.start(waitStrategy);
            final HistogramHandle histogram = engine.histogram();
            return new RecordPath()
            {
                @Override
                public void record(final long valueUs)
                {
                    histogram.record(valueUs);
                }

                @Override
                public void close()
                {
                    engine.close();
                }
            };
        }
    },
    PROMETHEUS("Prometheus classic Histogram.observe")
    {
        @Override
        RecordPath open(final String waitStrategy)
        {
            final Histogram histogram = Histogram.builder().name("read_latency_us").help("Latency of a variable read.")
                .classicUpperBounds(HistogramStates.PROMETHEUS_BOUNDS_US).classicOnly().withoutExemplars()
                .register(new PrometheusRegistry());
            return new RecordPath()
            {
                @Override
                public void record(final long valueUs)
                {
                    histogram.observe(valueUs);
                }
            };
        }
    },
    MICROMETER("Micrometer Timer.record, percentile histogram")
    {
        @Override
        RecordPath open(final String waitStrategy)
        {
            final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            final Timer timer = Timer.builder("read_latency").publishPercentileHistogram().register(registry);
            return new RecordPath()
            {
                @Override
                public void record(final long valueUs)
                {
                    timer.record(valueUs, TimeUnit.MICROSECONDS);
                }

                @Override
                public void close()
                {
                    registry.close();
                }
            };
        }
    },
    OPENTELEMETRY("OpenTelemetry LongHistogram.record")
    {
        @Override
        RecordPath open(final String waitStrategy)
        {
            final OtelMeters meters = new OtelMeters();
            final LongHistogram histogram = meters.meter().histogramBuilder("read_latency").setUnit("us").ofLongs().build();
            return new RecordPath()
            {
                @Override
                public void record(final long valueUs)
                {
                    histogram.record(valueUs);
                }

                @Override
                public void close()
                {
                    meters.close();
                }
            };
        }
    },
    HDR_HISTOGRAM("HdrHistogram Histogram.recordValue")
    {
        @Override
        RecordPath open(final String waitStrategy)
        {
            final org.HdrHistogram.Histogram histogram = new org.HdrHistogram.Histogram(1, LatencyValues.MAX_US, 3);
            return new RecordPath()
            {
                @Override
                public void record(final long valueUs)
                {
                    histogram.recordValue(valueUs);
                }
            };
        }
    },
    HDR_RECORDER("HdrHistogram Recorder.recordValue")
    {
        @Override
        RecordPath open(final String waitStrategy)
        {
            final Recorder recorder = new Recorder(1, LatencyValues.MAX_US, 3);
            return new RecordPath()
            {
                @Override
                public void record(final long valueUs)
                {
                    recorder.recordValue(valueUs);
                }
            };
        }
    },
    DISRUPTOR("Disruptor publish, multi-producer, no-op handler")
    {
        @Override
        RecordPath open(final String waitStrategy)
        {
            final NoOpRing ring = new NoOpRing(true, waitStrategy);
            return new RecordPath()
            {
                @Override
                public void record(final long valueUs)
                {
                    ring.publish(1, valueUs);
                }

                @Override
                public void close()
                {
                    ring.close();
                }
            };
        }
    };

    private final String label;

    RecordTarget(final String label)
    {
        this.label = label;
    }

    /** @return the name shown in the chart. */
    public String label()
    {
        return label;
    }

    /** @return the file stem of this target's outputs, e.g. {@code record-cost-hdr_recorder}. */
    public String fileStem()
    {
        return "record-cost-" + name().toLowerCase(Locale.ROOT);
    }

    /** @return a running instance; the caller closes it. */
    abstract RecordPath open(String waitStrategy);
}

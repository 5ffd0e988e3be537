package dev.bridge.analytics.bench.jmh;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;

import java.time.Duration;
import java.util.Collection;

/**
 * An OpenTelemetry SDK meter provider as an application would run it: a {@link PeriodicMetricReader} (every
 * 60 s, so no export falls inside a measurement) with an exporter that drops the data. A provider without any
 * reader would hand out no-op instruments, which would measure nothing. Thread-safe (the SDK is).
 */
public final class OtelMeters implements AutoCloseable
{
    private final SdkMeterProvider provider;

    public OtelMeters()
    {
        provider = SdkMeterProvider.builder()
            .registerMetricReader(
                PeriodicMetricReader.builder(new DroppingExporter()).setInterval(Duration.ofSeconds(60)).build())
            .build();
    }

    /** @return the meter of the benchmarks. */
    public Meter meter()
    {
        return provider.get("dev.bridge.analytics.bench.jmh");
    }

    @Override
    public void close()
    {
        provider.close();
    }

    /** Cumulative exporter that accepts and drops every batch. Stateless, thread-safe. */
    private static final class DroppingExporter implements MetricExporter
    {
        @Override
        public CompletableResultCode export(final Collection<MetricData> metrics)
        {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush()
        {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown()
        {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(final InstrumentType instrumentType)
        {
            return AggregationTemporality.CUMULATIVE;
        }
    }
}

package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.export.ExportFormat;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH state of Micrometer's Prometheus registry holding the {@link ExpositionCatalog#BENCHMARK} meters
 * ({@link CatalogMicrometer}), shared by the exposition benchmarks of 500 series. Thread-safety: {@code Scope.Benchmark};
 * Micrometer's scrape is thread-safe.
 */
@State(Scope.Benchmark)
public class BenchmarkMicrometerState
{
    private CatalogMicrometer micrometer;

    @Setup(Level.Trial)
    public void setUp()
    {
        micrometer = new CatalogMicrometer(ExpositionCatalog.BENCHMARK);
        System.out.printf("[exposition] micrometer: %,d chars of Prometheus text%n", micrometer.scrape().length());
    }

    /** @return Micrometer's scrape in text 0.0.4. */
    String scrape()
    {
        return micrometer.scrape();
    }

    /** @return Micrometer's scrape in {@code format}'s content type. */
    String scrape(final ExportFormat format)
    {
        return micrometer.registry().scrape(format.contentType());
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        micrometer.close();
    }
}

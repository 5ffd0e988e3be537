package dev.bridge.analytics.export;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every format of one small fixed snapshot ({@link FixedSnapshot}), byte for byte against the golden files under
 * {@code src/test/resources/export/}: a labelled counter whose label value and help need escaping, a counter without
 * data, a gauge in megabytes (bytes in Prometheus), a negative gauge, a histogram in microseconds exported in
 * seconds with configured buckets and a summary.
 */
class GoldenExportTest
{
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "PROMETHEUS, fixed.prom",
        "OPENMETRICS, fixed.openmetrics",
        "JSON, fixed.json",
        "CSV, fixed.csv",
        "STATSD, fixed.statsd",
        "DOGSTATSD, fixed.dogstatsd" })
    void shouldWriteTheFixedSnapshotExactly(final ExportFormat format, final String golden) throws IOException
    {
        Golden.assertMatches(golden, write(format));
    }

    @Test
    void shouldPassPromtoolWithoutLintProblems() throws IOException
    {
        final ExternalValidators.Result result =
            ExternalValidators.promtoolCheck(new String(write(ExportFormat.PROMETHEUS), StandardCharsets.UTF_8));

        assertEquals(new ExternalValidators.Result(0, ""), result);
    }

    @Test
    void shouldPassTheStrictOpenMetricsParser() throws IOException
    {
        final ExternalValidators.Result result =
            ExternalValidators.openMetricsParse(new String(write(ExportFormat.OPENMETRICS), StandardCharsets.UTF_8));

        // families: http_error, memory_usage_bytes, optimization_improvement, read_latency_seconds and its summary
        assertEquals(new ExternalValidators.Result(0, "5 families 19 samples\n"), result);
    }

    private static byte[] write(final ExportFormat format) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriters.of(format).write(FixedSnapshot.snapshot(), out);
        return out.toByteArray();
    }
}

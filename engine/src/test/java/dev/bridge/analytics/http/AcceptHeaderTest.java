package dev.bridge.analytics.http;

import dev.bridge.analytics.export.ExportFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Content negotiation of /metrics: which Accept headers get OpenMetrics, which Prometheus text 0.0.4. */
class AcceptHeaderTest
{
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                                                     | PROMETHEUS",
        "application/openmetrics-text                                           | OPENMETRICS",
        "application/openmetrics-text; version=1.0.0; charset=utf-8             | OPENMETRICS",
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1 | OPENMETRICS",
        "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,text/plain;version=0.0.4;q=0.2,*/*;q=0.1 | OPENMETRICS",
        "text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.5        | PROMETHEUS",
        "application/openmetrics-text;q=0.3,text/plain;q=0.7                    | PROMETHEUS",
        "text/plain,application/openmetrics-text                                | OPENMETRICS",
        "*/*                                                                    | PROMETHEUS",
        "text/*                                                                 | PROMETHEUS",
        "application/*                                                          | OPENMETRICS",
        "application/*;q=0.4,text/*;q=0.6                                       | PROMETHEUS",
        "application/openmetrics-text;q=0                                       | PROMETHEUS",
        "application/openmetrics-text;q=0,*/*                                   | PROMETHEUS",
        "application/openmetrics-text;version=0.0.1                             | PROMETHEUS",
        "text/html                                                              | PROMETHEUS",
        "application/openmetrics-text;q=abc,text/plain;q=0.1                    | PROMETHEUS",
        "application/openmetrics-text;q=2                                       | PROMETHEUS",
        "APPLICATION/OpenMetrics-Text;Q=0.9,text/plain;q=0.8                    | OPENMETRICS",
        "application/openmetrics-text;version=\"1.0.0\"                          | OPENMETRICS",
        "garbage,;;,/                                                           | PROMETHEUS" })
    void shouldServeOpenMetricsOnlyWhenAcceptableAndPreferred(final String accept, final ExportFormat expected)
    {
        assertEquals(expected, AcceptHeader.metricsFormat(accept.isEmpty() ? List.of() : List.of(accept)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "text/plain;q=0.2 | application/openmetrics-text;q=0.9 | OPENMETRICS",
        "application/openmetrics-text;q=0.1 | text/plain | PROMETHEUS" })
    void shouldJoinSeveralAcceptHeaders(final String first, final String second, final ExportFormat expected)
    {
        assertEquals(expected, AcceptHeader.metricsFormat(List.of(first, second)));
    }
}

package dev.bridge.analytics.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values and timestamps written as Prometheus (Go's FormatFloat 'f', -1) writes them. */
class PromJsonTest
{
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2.0                  | \"2\"",
        "0.25                 | \"0.25\"",
        "-1.5                 | \"-1.5\"",
        "1.0E21               | \"1000000000000000000000\"",
        "1.0E-7               | \"0.0000001\"",
        "0.0                  | \"0\"",
        "Infinity             | \"+Inf\"",
        "-Infinity            | \"-Inf\"",
        "NaN                  | \"NaN\"",
        "0.6666666666666666   | \"0.6666666666666666\"",
    })
    void shouldWriteValuesAsGoWritesThem(final double value, final String json)
    {
        assertEquals(json, PromJson.value(value));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1435781451781 | 1435781451.781",
        "4000          | 4",
        "1500          | 1.5",
        "0             | 0",
        "-1000         | -1",
    })
    void shouldWriteTimestampsAsSecondsWithMillisecondPrecision(final long ms, final String json)
    {
        assertEquals(json, PromJson.time(ms));
    }
}

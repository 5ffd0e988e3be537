package dev.bridge.analytics.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationConverterTest
{
    @Test
    void shouldParsePrometheusDurations()
    {
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30s"));
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse(" 2m "));
        assertEquals(Duration.ofMinutes(90), DurationConverter.parse("1h30m"));
        assertEquals(Duration.ofDays(7), DurationConverter.parse("7d"));
        assertEquals(Duration.ofDays(14), DurationConverter.parse("2w"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        1.5s       | bad duration '1.5s': no fractions; use 1s500ms
        PT45S      | bad duration 'PT45S': ISO-8601 is not accepted; use 45s
        7          | bad duration '7': a number needs a unit; use 7s
        soon       | bad duration 'soon': expected a Prometheus duration, e.g. 500ms, 30s, 1h30m, 7d, 2w
        10 parsecs | bad duration '10 parsecs': expected a Prometheus duration, e.g. 500ms, 30s, 1h30m, 7d, 2w
        -5s        | negative duration '-5s': durations must be >= 0
        0s         | duration must be positive, was '0s'
        0          | duration must be positive, was '0'
        """)
    void shouldRefuseOtherSpellingsNamingTheRightOne(final String text, final String message)
    {
        assertEquals(message, assertThrows(CommandLine.TypeConversionException.class,
            () -> DurationConverter.parse(text)).getMessage());
    }
}

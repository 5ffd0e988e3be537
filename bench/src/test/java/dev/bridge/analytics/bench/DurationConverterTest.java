package dev.bridge.analytics.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationConverterTest
{
    @Test
    void shouldParseNumbersWithUnits()
    {
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30s"));
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofSeconds(7), DurationConverter.parse("7"));
        assertEquals(Duration.ofSeconds(45), DurationConverter.parse("PT45S"));
    }

    @Test
    void shouldRejectMalformedAndNonPositiveDurations()
    {
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("soon"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("0s"));
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("10 parsecs"));
    }
}

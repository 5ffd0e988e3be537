package dev.bridge.analytics.cli.query;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Times, label filters and table numbers as the query commands read and print them. */
class OptionParsingTest
{
    @Test
    void shouldReadIsoInstantsAndEpochMilliseconds()
    {
        assertEquals(Instant.parse("2026-11-28T10:00:00Z"), InstantConverter.parse("2026-11-28T10:00:00Z"));
        assertEquals(Instant.parse("2026-11-28T09:00:00Z"), InstantConverter.parse("2026-11-28T10:00:00+01:00"));
        assertEquals(Instant.ofEpochMilli(1_764_324_000_123L), InstantConverter.parse("1764324000123"));
        assertThrows(CommandLine.TypeConversionException.class, () -> InstantConverter.parse("yesterday"));
        assertThrows(CommandLine.TypeConversionException.class, () -> InstantConverter.parse("-5"));
    }

    @Test
    void shouldReadLabelPairsInOrderWithEmptyValues()
    {
        assertEquals(Map.of(), LabelFilter.parse(null));
        assertEquals(Map.of("operation", "read", "code", ""), LabelFilter.parse("operation=read, code="));
        assertEquals("operation_error{operation=read,code=}",
            LabelFilter.describe("operation_error", LabelFilter.parse("operation=read,code=")));
        assertThrows(QueryException.class, () -> LabelFilter.parse("=read"));
        assertThrows(QueryException.class, () -> LabelFilter.parse("operation=read,operation=write"));
        assertThrows(QueryException.class, () -> LabelFilter.parse("operation=read,"));
    }

    @Test
    void shouldPrintNumbersWithThreeDecimalsOrFourSignificantDigitsBelowOne()
    {
        assertEquals("-", QueryTables.number(null));
        assertEquals("10", QueryTables.number(10.0));
        assertEquals("2.017", QueryTables.number(120 / 59.5));
        assertEquals("1234567.891", QueryTables.number(1_234_567.8912));
        assertEquals("0.03448", QueryTables.number(5 / 145.0));
        assertEquals("0.9", QueryTables.number(0.9));
        assertEquals("0", QueryTables.number(0.0));
        assertEquals("-0.5", QueryTables.number(-0.5));
    }

    @Test
    void shouldWriteFractionsInTheirShortestForm()
    {
        assertEquals("0.5", QueryJson.fraction(0.5));
        assertEquals("0.999", QueryJson.fraction(0.999));
        assertEquals("1", QueryJson.fraction(1.0));
        assertEquals("0", QueryJson.fraction(0.0));
    }
}

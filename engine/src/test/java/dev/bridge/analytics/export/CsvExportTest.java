package dev.bridge.analytics.export;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CSV export: RFC 4180 quoting and CRLF, read back by Python's strict reader and a strict Java one. */
class CsvExportTest
{
    private static final int FIELDS = 12;

    @TempDir
    Path dir;

    @Test
    void shouldBeReadByAStrictCsvReaderWithTwelveFieldsPerRow() throws IOException
    {
        final String csv = exportWorkload(TimeRange.LAST_HOUR);

        final ExternalValidators.Result python = ExternalValidators.pythonCsvParse(csv, FIELDS);
        final List<List<String>> rows = StrictCsv.parse(csv);

        assertEquals(0, python.exitCode(), python.output());
        assertEquals(rows.size() + " rows\n", python.output());
        rows.forEach(row -> assertEquals(FIELDS, row.size(), row.toString()));
        assertEquals(List.of(CsvExportWriter.HEADER.split(",")), rows.get(0));
    }

    @Test
    void shouldWriteOneRowPerSeriesPerBucket() throws IOException
    {
        final List<List<String>> rows = StrictCsv.parse(exportWorkload(TimeRange.LAST_HOUR));

        final List<List<String>> reads = rows.stream().filter(r -> r.get(0).equals("variable_read")).toList();
        assertEquals(List.of(
            List.of("variable_read", "counter", "", "60000", "2023-11-14T23:00:00Z", "1700002800000", "1", "1000", "1000",
                "1000", "1000", "1000"),
            List.of("variable_read", "counter", "", "60000", "2023-11-14T23:01:00Z", "1700002860000", "1", "500", "500",
                "500", "500", "500")), reads);
        final List<String> latency = rows.stream().filter(r -> r.get(0).equals("read_latency_us")).findFirst().orElseThrow();
        assertEquals(List.of("100", "5050", "1", "100", "50.5", "100"), latency.subList(6, 12));
    }

    @Test
    void shouldQuoteLabelsWithCommasQuotesAndLineFeeds() throws IOException
    {
        final String csv = exportWorkload(TimeRange.ALL);
        final List<List<String>> rows = StrictCsv.parse(csv);

        final List<String> tricky = rows.stream()
            .filter(r -> r.get(0).equals("http_error") && r.get(2).contains("quoted")).findFirst().orElseThrow();
        assertEquals("{path=\"C:\\\\tmp \\\"quoted\\\"\\nnext, é\"}", tricky.get(2));
        assertEquals("3", tricky.get(7));
        assertTrue(csv.contains(",\"{path=\"\"C:\\\\tmp \\\"\"quoted\\\"\"\\nnext, é\"\"}\","), csv);
        assertFalse(csv.replace("\r\n", "").contains("\n"), "every line ends with CRLF");
    }

    @Test
    void shouldQuoteFieldsAsRfc4180Says()
    {
        assertEquals("plain", CsvExportWriter.field("plain"));
        assertEquals("\"a,b\"", CsvExportWriter.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvExportWriter.field("say \"hi\""));
        assertEquals("\"two\r\nlines\"", CsvExportWriter.field("two\r\nlines"));
        assertEquals("\"lf\nonly\"", CsvExportWriter.field("lf\nonly"));
    }

    private String exportWorkload(final TimeRange range) throws IOException
    {
        final ManualClock clock = new ManualClock(ExportWorkload.S);
        try (AnalyticsEngine engine = AnalyticsEngine.start(ExportWorkload.config(dir, EngineConfig.defaults().export()), clock))
        {
            ExportWorkload.run(engine, clock);
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            engine.queries().export(ExportFormat.CSV, range, out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** A strict RFC 4180 reader: CRLF records, quoted fields, doubled quotes; anything else fails. */
    static final class StrictCsv
    {
        static List<List<String>> parse(final String text)
        {
            final List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            final StringBuilder field = new StringBuilder();
            int i = 0;
            boolean quoted = false;
            boolean wasQuoted = false;
            while (i < text.length())
            {
                final char c = text.charAt(i);
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"')
                    {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.append(c);
                    }
                    i++;
                    continue;
                }
                if (c == '"')
                {
                    if (field.length() > 0 || wasQuoted)
                    {
                        throw new AssertionError("quote inside an unquoted field at " + i);
                    }
                    quoted = true;
                    wasQuoted = true;
                }
                else if (c == ',')
                {
                    row.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                }
                else if (c == '\r')
                {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n')
                    {
                        throw new AssertionError("CR without LF at " + i);
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                }
                else if (c == '\n')
                {
                    throw new AssertionError("LF without CR at " + i);
                }
                else
                {
                    if (wasQuoted)
                    {
                        throw new AssertionError("text after a closing quote at " + i);
                    }
                    field.append(c);
                }
                i++;
            }
            if (quoted || field.length() > 0 || !row.isEmpty())
            {
                throw new AssertionError("the last record does not end with CRLF");
            }
            return rows;
        }
    }
}

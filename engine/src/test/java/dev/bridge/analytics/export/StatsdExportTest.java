package dev.bridge.analytics.export;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The StatsD exports of {@link ExportWorkload}: every line in the grammar, totals exact, labels folded or tagged. */
class StatsdExportTest
{
    @TempDir
    static Path dir;
    private static AnalyticsEngine engine;

    @BeforeAll
    static void record()
    {
        final ManualClock clock = new ManualClock(ExportWorkload.S);
        engine = AnalyticsEngine.start(ExportWorkload.config(dir, EngineConfig.defaults().export()), clock);
        ExportWorkload.run(engine, clock);
    }

    @AfterAll
    static void close()
    {
        engine.close();
    }

    @Test
    void shouldWriteOnlyLinesOfTheEtsyGrammar() throws IOException
    {
        assertGrammar(lines(ExportFormat.STATSD), StatsdGrammar.ETSY);
    }

    @Test
    void shouldWriteOnlyLinesOfTheDogStatsdGrammar() throws IOException
    {
        assertGrammar(lines(ExportFormat.DOGSTATSD), StatsdGrammar.DOGSTATSD);
    }

    @Test
    void shouldSendTotalsAndFoldLabelsIntoTheEtsyName() throws IOException
    {
        final List<String> lines = lines(ExportFormat.STATSD);

        assertTrue(lines.contains("dspex_variable_read:1500|c"), lines.toString());
        assertTrue(lines.contains("dspex_operation_error.operation.read:2|c"), lines.toString());
        assertTrue(lines.contains("dspex_http_error.path.C__tmp__quoted__next___:3|c"), lines.toString());
        assertTrue(lines.contains("dspex_read_latency_us.count:101|c"), lines.toString());
        assertTrue(lines.contains("dspex_read_latency_us.sum:10050|c"), lines.toString());
        assertTrue(lines.contains("dspex_read_latency_us.p50:51|g"), lines.toString());
        assertTrue(lines.contains("dspex_memory_usage_mb:600|g"), lines.toString());
    }

    @Test
    void shouldTagLabelsInDogStatsd() throws IOException
    {
        final List<String> lines = lines(ExportFormat.DOGSTATSD);

        assertTrue(lines.contains("dspex_operation_error:2|c|#operation:read"), lines.toString());
        assertTrue(lines.contains("dspex_grpc_error:4|c|#code:UNAVAILABLE"), lines.toString());
        assertTrue(lines.contains("dspex_http_error:5|c|#path:/plain"), lines.toString());
    }

    @Test
    void shouldSetANegativeGaugeFromZero() throws IOException
    {
        final List<String> lines = lines(ExportFormat.STATSD);

        final int zero = lines.indexOf("dspex_optimization_improvement:0|g");
        assertTrue(zero >= 0, lines.toString());
        assertEquals("dspex_optimization_improvement:-25|g", lines.get(zero + 1));
    }

    @Test
    void shouldNamePercentilesByTheirPercent()
    {
        assertEquals("p50", StatsdLines.percentileName(0.5));
        assertEquals("p99", StatsdLines.percentileName(0.99));
        assertEquals("p99_9", StatsdLines.percentileName(0.999));
        assertEquals("p100", StatsdLines.percentileName(1.0));
        assertEquals("p0", StatsdLines.percentileName(0.0));
    }

    private static void assertGrammar(final List<String> lines, final Pattern grammar)
    {
        assertTrue(lines.size() > 50, lines.toString());
        for (final String line : lines)
        {
            assertTrue(grammar.matcher(line).matches(), line);
        }
    }

    private static List<String> lines(final ExportFormat format) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.queries().export(format, TimeRange.ALL, out);
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), text);
        return List.of(text.split("\n"));
    }
}

package dev.bridge.analytics.bench.jmh;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.export.ExportFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExpositionCatalogTest
{
    /** A counter sample line of the Prometheus text format: name, worker label value, value. */
    private static final Pattern COUNTER_LINE =
        Pattern.compile("^(\\w+)_total\\{worker=\"([^\"]+)\"} (\\S+)$", Pattern.MULTILINE);

    @Test
    void shouldHoldExactlyTheSeriesAskedForInTheEngineAndInMicrometer(@TempDir final Path dir)
    {
        final ExpositionCatalog catalog = ExpositionCatalog.ofSeries(30);
        assertEquals(3, catalog.workers());
        assertEquals(6, catalog.histogramSeries());
        try (AnalyticsEngine engine = AnalyticsEngine.start(catalog.config(dir));
             CatalogMicrometer micrometer = new CatalogMicrometer(catalog))
        {
            catalog.recordInto(engine, ExpositionCatalog.VALUES_PER_HISTOGRAM);
            engine.flush();
            final Set<String> names = Set.copyOf(catalog.names().all());
            assertEquals(30, engine.queries().series().stream()
                .filter(s -> names.contains(s.metric().name()) && !s.overflow()).count());
            assertEquals(30, micrometer.registry().getMeters().size());
        }
    }

    @Test
    void shouldRefuseASeriesCountThatIsNotAPositiveMultipleOfTen()
    {
        assertEquals("series must be a positive multiple of 10, was 15",
            assertThrows(IllegalArgumentException.class, () -> ExpositionCatalog.ofSeries(15)).getMessage());
        assertEquals("series must be a positive multiple of 10, was 0",
            assertThrows(IllegalArgumentException.class, () -> ExpositionCatalog.ofSeries(0)).getMessage());
    }

    @Test
    void shouldRaiseTheCardinalityLimitToTheWorkersOnlyAboveTheDefault(@TempDir final Path dir)
    {
        assertEquals(1_000, ExpositionCatalog.ofSeries(100).config(dir).engine().labelCardinalityLimit());
        assertEquals(2_000, ExpositionCatalog.ofSeries(20_000).config(dir).engine().labelCardinalityLimit());
    }

    @Test
    void shouldReportTheSameCounterTotalsInTheEngineScrapeAndMicrometerScrape(@TempDir final Path dir)
        throws IOException
    {
        final ExpositionCatalog catalog = ExpositionCatalog.ofSeries(50);
        final EngineConfig config = catalog.config(dir);
        final String engineText;
        final String micrometerText;
        try (AnalyticsEngine engine = AnalyticsEngine.start(config);
             CatalogMicrometer micrometer = new CatalogMicrometer(catalog))
        {
            catalog.recordInto(engine, ExpositionCatalog.VALUES_PER_HISTOGRAM);
            engine.flush();
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            engine.queries().scrape(ExportFormat.PROMETHEUS, out);
            engineText = out.toString(StandardCharsets.UTF_8);
            micrometerText = micrometer.scrape();
        }
        final String prefix = config.export().prefix();
        final Map<String, Long> expected = new TreeMap<>();
        for (int w = 0; w < catalog.workers(); w++)
        {
            for (int m = 0; m < ExpositionCatalog.COUNTER_METRICS; m++)
            {
                expected.put(catalog.names().counters().get(m) + "/" + ExpositionCatalog.worker(w),
                    ExpositionCatalog.counterTotal(m, w));
            }
        }
        assertEquals(20, expected.size());
        assertEquals(expected, counterTotals(engineText, prefix));
        assertEquals(expected, counterTotals(micrometerText, ""));
    }

    /** @return each counter sample of {@code text} as name/worker to its value, {@code prefix} removed. */
    private static Map<String, Long> counterTotals(final String text, final String prefix)
    {
        final Map<String, Long> totals = new TreeMap<>();
        final Matcher line = COUNTER_LINE.matcher(text);
        while (line.find())
        {
            final String name = line.group(1);
            final double value = Double.parseDouble(line.group(3));
            assertEquals(Math.rint(value), value, name + ": not a whole total");
            totals.put(name.substring(prefix.length()) + "/" + line.group(2), (long)value);
        }
        return totals;
    }
}

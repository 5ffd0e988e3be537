package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.HttpSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.logging.LogEntry;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import static dev.bridge.analytics.http.ScriptedTraffic.NOW;
import static dev.bridge.analytics.http.ScriptedTraffic.PHASE_A;
import static dev.bridge.analytics.http.ScriptedTraffic.PHASE_B;
import static dev.bridge.analytics.http.ScriptedTraffic.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard page in headless Chromium (Selenium), served for two engines: the DSPex catalog with its declared
 * panels ({@link ScriptedTraffic}) and a catalog of two metrics that shares no name with it, whose panels are
 * generated ({@link TwoMetricTraffic}). For both: no banner, every panel drawn with data, tiles from the chart's
 * complete points, the console free of errors. Screenshots are kept as target/dashboard-page-*.png.
 */
class DashboardPageTest
{
    private static final String TOKEN = "page-t0ken";
    private static final String EVERY_PANEL_HAS_DATA = "var c = window.analyticsCharts, p = window.analyticsPanels;" +
        "return !!p && p.panels.length > 0 && p.panels.every(function (panel) {" +
        "var n = panel.title.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');" +
        "return c[n] && c[n].data[0].length > 0 && c[n].data.slice(1).some(function (s) {" +
        "return s.some(function (v) { return v !== null && v > 0; }); }); });";

    @TempDir
    static Path dir;
    private static AnalyticsEngine dspex;
    private static AnalyticsHttpServer dspexServer;
    private static AnalyticsEngine twoMetrics;
    private static AnalyticsHttpServer twoMetricsServer;
    private static HeadlessChromium browser;
    private AnalyticsHttpServer extraServer;

    @BeforeAll
    static void start() throws Exception
    {
        BrowserAvailability.require();
        dspex = ScriptedTraffic.start(dir.resolve("dspex"), new ManualClock(NOW));
        dspexServer = AnalyticsHttpServer.start(dspex.queries(), HttpSettings.DEFAULT.withPort(0), EngineHealth.of(dspex));
        twoMetrics = TwoMetricTraffic.start(dir.resolve("two"), new ManualClock(NOW));
        twoMetricsServer = AnalyticsHttpServer.start(twoMetrics.queries(), HttpSettings.DEFAULT.withPort(0));
        browser = new HeadlessChromium(dir.resolve("chromium-profile"));
    }

    @AfterAll
    static void stop()
    {
        if (browser != null)
        {
            browser.close();
        }
        for (final AutoCloseable c : new AutoCloseable[] { dspexServer, dspex, twoMetricsServer, twoMetrics })
        {
            try
            {
                if (c != null)
                {
                    c.close();
                }
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    @AfterEach
    void closeExtraServer()
    {
        if (extraServer != null)
        {
            extraServer.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dspex", "two-metrics" })
    void shouldDrawEveryPanelWithDataAndNoBanner(final String catalog) throws Exception
    {
        browser.open(("dspex".equals(catalog) ? dspexServer : twoMetricsServer).url());
        browser.await("every panel has data points", EVERY_PANEL_HAS_DATA);

        assertEquals(Boolean.TRUE, browser.script("return document.getElementById('error-banner').hidden;"));
        assertEquals(0L, browser.script("return document.querySelectorAll('.panel-error:not([hidden])').length;"));
        assertNoErrors(browser.console());
        browser.screenshot(Path.of("target", "dashboard-page-" + catalog + ".png"));
    }

    @Test
    void shouldDrawTheDspexPanelsFromTheConfiguration()
    {
        browser.open(dspexServer.url());
        browser.await("every panel has data points", EVERY_PANEL_HAS_DATA);

        assertEquals(List.of("reads_and_writes_per_second", "read_latency", "write_latency",
            "cache_hits_and_misses_per_second", "errors_per_second", "cache_hit_rate_and_error_rate", "active_sessions"),
            browser.script("return Object.keys(window.analyticsCharts);"));
        assertEquals("DSPex bridge", browser.script("return document.getElementById('title').textContent;"));
        assertEquals(300L, browser.script("return analyticsCharts.read_latency.data[0].length;"), "5 min of 1 s points");
        assertEquals(60.0, at("reads_and_writes_per_second", 1, PHASE_A), "reads per second");
        assertEquals(20.0, at("reads_and_writes_per_second", 2, PHASE_A), "writes per second");
        assertEquals(0.0, at("reads_and_writes_per_second", 2, PHASE_B), "no writes: 0 per second");
        assertEquals(75.0, at("read_latency", 1, T), "read p50 of 51..100");
        assertEquals(100.0, at("read_latency", 3, T), "read p99 of 51..100");
        assertEquals(2000.0, at("write_latency", 3, T), "write p99 of 1100..2000");
        assertEquals(10.0, at("cache_hits_and_misses_per_second", 2, PHASE_B), "misses per second");
        assertEquals(2.0, at("errors_per_second", 1, PHASE_A), "read errors per second");
        assertEquals(5.0, at("active_sessions", 1, PHASE_B), "sessions");
        assertEquals(45 / 50.0, at("cache_hit_rate_and_error_rate", 1, PHASE_A), "hits / (hits + misses)");
        assertEquals(30 / 40.0, at("cache_hit_rate_and_error_rate", 1, PHASE_B));
        assertEquals(3 / 85.0, at("cache_hit_rate_and_error_rate", 2, PHASE_A), "(2 + 1 errors) / (60 + 20 + 5)");
    }

    @Test
    void shouldComputeTilesFromTheCompletePointsOfTheirChart()
    {
        browser.open(dspexServer.url());
        browser.await("every panel has data points", EVERY_PANEL_HAS_DATA);

        assertEquals("3", tile("reads_and_writes_per_second", 0), "(60 + 30 reads) / the 30 s from phase A to T");
        assertEquals("3 operations/s", tileText("reads_and_writes_per_second", 0));
        assertEquals("50", tile("read_latency", 2), "p99 of phase A: phase C's interval is still open");
        assertEquals("50 \u00b5s", tileText("read_latency", 2));
        assertEquals("1000", tile("write_latency", 2), "p99 of phase A's 100..1000");
        assertEquals("1 ms", tileText("write_latency", 2), "microseconds scaled");
        assertEquals("5", tile("active_sessions", 0), "the last complete point, phase B");
        assertEquals("", tile("errors_per_second", 2), "the only timeout is in the open interval");
        assertEquals(String.valueOf(75 / 90.0), tile("cache_hit_rate_and_error_rate", 0), "(45 + 30) / (50 + 40)");
        assertEquals("83.3 %", tileText("cache_hit_rate_and_error_rate", 0));
        assertEquals(String.valueOf(3 / 115.0), tile("cache_hit_rate_and_error_rate", 1), "3 errors / 115 operations");
        assertEquals("2.6 %", tileText("cache_hit_rate_and_error_rate", 1));
    }

    @Test
    void shouldGenerateAPanelPerMetricForACatalogOfItsOwn()
    {
        browser.open(twoMetricsServer.url());
        browser.await("every panel has data points", EVERY_PANEL_HAS_DATA);

        assertEquals(List.of("orders", "checkout_ms"), browser.script("return Object.keys(window.analyticsCharts);"));
        assertEquals(30.0, at("orders", 1, PHASE_A));
        assertEquals(1000.0, at("checkout_ms", 3, T), "the open interval is drawn");
        assertEquals(String.valueOf(40 / 30.0), tile("orders", 0), "(30 + 10 orders) / 30 s");
        assertEquals("1.33 orders/s", tileText("orders", 0));
        assertEquals("400", tile("checkout_ms", 2), "p99 of phase B");
        assertEquals("400 ms", tileText("checkout_ms", 2));
    }

    @Test
    void shouldRefreshItselfUntilPaused()
    {
        browser.open(dspexServer.url());
        browser.await("every panel has data points", EVERY_PANEL_HAS_DATA);
        assertEquals(9.0, at("active_sessions", 1, T));

        dspex.gauge("active_sessions").set(12);
        dspex.flush();
        browser.await("the sessions chart shows the new maximum",
            "var d = analyticsCharts.active_sessions.data; return d[1][d[0].indexOf(" + T / 1000 + ")] === 12;");

        browser.script("document.getElementById('pause').click(); return null;");
        assertEquals("Resume", browser.script("return document.getElementById('pause').textContent;"));
        assertEquals(Boolean.FALSE, browser.script("return window.analyticsScheduled();"), "no refresh scheduled");
        final Object refreshes = browser.script("return window.analyticsRefreshes;");
        dspex.gauge("active_sessions").set(15);
        dspex.flush();
        assertEquals(refreshes, browser.script("return window.analyticsRefreshes;"));

        browser.script("document.getElementById('pause').click(); return null;");
        browser.await("after Resume the chart shows the value recorded while paused",
            "var d = analyticsCharts.active_sessions.data; return d[1][d[0].indexOf(" + T / 1000 + ")] === 15;");
    }

    @Test
    void shouldShowAFailedPanelRequestInsideThatPanelNotInTheBanner()
    {
        browser.open(dspexServer.url());
        browser.await("every panel has data points", EVERY_PANEL_HAS_DATA);

        // from now on the server answers the cache_miss query as it answers a metric its catalog lacks
        browser.script("var fetched = window.fetch; window.fetch = function (path, init) {" +
            "return String(path).indexOf('metric=cache_miss&') >= 0 ? Promise.resolve(new Response(" +
            "JSON.stringify({ error: \"unknown metric 'cache_miss'\" }), { status: 400, statusText: 'Bad Request' })) :" +
            "fetched(path, init); }; return null;");
        browser.await("the cache panel shows the error",
            "var e = document.getElementById('panel-error-cache_hits_and_misses_per_second'); return !e.hidden;");

        assertEquals("api/query: unknown metric 'cache_miss'", browser.script(
            "return document.getElementById('panel-error-cache_hits_and_misses_per_second').textContent;"));
        assertEquals("error", tileText("cache_hits_and_misses_per_second", 1));
        assertEquals("2.5", tile("cache_hits_and_misses_per_second", 0), "the hits line is still drawn: 75 / 30 s");
        assertEquals(Boolean.TRUE, browser.script("return document.getElementById('error-banner').hidden;"));
        // the hit rate divides by cache_miss too: its line fails in its own panel, the error rate line is still drawn
        assertEquals(2L, browser.script("return document.querySelectorAll('.panel-error:not([hidden])').length;"));
        assertEquals("error", tileText("cache_hit_rate_and_error_rate", 0));
        assertEquals(String.valueOf(3 / 115.0), tile("cache_hit_rate_and_error_rate", 1));
        assertEquals(List.of(), browser.script("return window.analyticsErrors;"), "nothing uncaught");
    }

    @Test
    void shouldShowAnAbsoluteRangeWithEveryIntervalComplete()
    {
        browser.open(dspexServer.url());
        browser.await("every panel has data points", EVERY_PANEL_HAS_DATA);

        browser.script("function local(ms) { return new Date(ms - new Date(ms).getTimezoneOffset() * 60000)" +
            ".toISOString().slice(0, 19); }" +
            "document.getElementById('from').value = local(" + PHASE_A + ");" +
            "document.getElementById('to').value = local(" + (PHASE_B + 1_000) + ");" +
            "document.getElementById('apply').click(); return null;");
        browser.await("the charts show T - 30 s to T - 9 s",
            "var d = analyticsCharts.reads_and_writes_per_second.data[0];" +
            "return d.length === 21 && d[0] === " + PHASE_A / 1000 + ";");

        assertEquals(String.valueOf(90 / 21.0), tile("reads_and_writes_per_second", 0),
            "(60 + 30 reads) / 21 s, the last interval complete: it ended before the server's now");
        assertEquals("5", tile("active_sessions", 0));
        assertEquals(Boolean.TRUE, browser.script("return document.getElementById('error-banner').hidden;"));

        browser.script("var r = document.getElementById('range'); r.value = '5m';" +
            "r.dispatchEvent(new Event('change')); return null;");
        browser.await("the picked range again", "return analyticsCharts.read_latency.data[0].length === 300;");
        assertEquals("", browser.script("return document.getElementById('from').value;"));
    }

    /** A percentile among values above the metric's highest reads highest, shown as "at least" on its tile. */
    @Test
    void shouldShowAPercentileAboveHighestAsAtLeastHighest()
    {
        final long outliers = PHASE_A - 20_000; // an interval of its own, before the scripted traffic
        for (int i = 0; i < 3; i++)
        {
            twoMetrics.histogram("checkout_ms").recordAt(90_000, outliers); // above highest (60,000 ms)
        }
        twoMetrics.flush();
        browser.open(twoMetricsServer.url());
        browser.await("every panel has data points", EVERY_PANEL_HAS_DATA);
        browser.script("function local(ms) { return new Date(ms - new Date(ms).getTimezoneOffset() * 60000)" +
            ".toISOString().slice(0, 19); }" +
            "document.getElementById('from').value = local(" + outliers + ");" +
            "document.getElementById('to').value = local(" + (outliers + 10_000) + ");" +
            "document.getElementById('apply').click(); return null;");
        browser.await("the charts show the outliers' ten seconds",
            "var d = analyticsCharts.checkout_ms.data[0]; return d.length === 10 && d[0] === " + outliers / 1000 + ";");

        assertEquals("60000", tile("checkout_ms", 2), "p99 of three values of 90 s: highest");
        assertEquals("\u2265 60 s", tileText("checkout_ms", 2));
        assertEquals("true", browser.script(
            "return document.getElementById('tile-checkout_ms-2').dataset.aboveHighest;"));
    }

    @Test
    void shouldShowTheEnginesHealthAndTheAlertsBesideTheCharts()
    {
        browser.open(dspexServer.url());
        browser.await("the engine panel is filled",
            "var e = document.getElementById('engine-events_published'); return !!e && e.textContent === '" +
                ScriptedTraffic.EVENTS + "';");

        assertEquals("ok", text("engine-status"));
        assertEquals("0", text("engine-events_dropped"));
        assertEquals("0", text("engine-events_rejected"));
        assertEquals("0.0 %", text("engine-ring_use"), "an idle ring");
        assertEquals(dspex.queries().alerts().alerts().isEmpty() ? "no alerts" : "",
            browser.script("return document.querySelector('#alerts-list li.none') ? 'no alerts' : '';"));
        assertEquals(Boolean.TRUE, browser.script("return document.getElementById('alerts-error').hidden;"));
    }

    @Test
    void shouldLeaveTheEngineFactsEmptyForAServerWithoutThem()
    {
        browser.open(twoMetricsServer.url());
        browser.await("the engine panel is filled",
            "var e = document.getElementById('engine-status'); return !!e && e.textContent === 'ok';");

        assertEquals("\u2013", text("engine-events_dropped"));
        assertEquals("\u2013", text("engine-ring_use"));
        assertEquals(Boolean.TRUE, browser.script("return document.getElementById('engine-error').hidden;"));
    }

    @Test
    void shouldExploreAMetricPickedWithALabelValue()
    {
        browser.open(dspexServer.url());
        browser.await("every panel has data points", EVERY_PANEL_HAS_DATA);
        browser.await("the catalog is in the picker",
            "return !!document.querySelector('#explore-metric option[value=operation_error]');");

        browser.script("var m = document.getElementById('explore-metric'); m.value = 'operation_error';" +
            "m.dispatchEvent(new Event('change'));" +
            "var a = document.getElementById('explore-aggregation'); a.value = 'sum'; a.dispatchEvent(new Event('change'));" +
            "var l = document.querySelector('#explore-labels select'); l.value = 'read';" +
            "l.dispatchEvent(new Event('change')); return null;");
        browser.await("the explore panel shows operation=read",
            "var c = analyticsCharts.explore; return !!c && c.series[0] !== undefined &&" +
            "document.getElementById('panel-explore').querySelector('.u-title').textContent ===" +
            "'Explore: operation_error sum {operation=read}' && c.data[0].length > 0;");

        assertEquals(List.of("read", "write"),
            browser.script("return Array.from(document.querySelectorAll('#explore-labels option'))" +
                ".map(function (o) { return o.value; }).filter(function (v) { return v; });"));
        assertEquals(2.0, at("explore", 1, PHASE_A), "the 2 read errors of phase A");
        assertEquals(0.0, at("explore", 1, T), "phase C's error is a write");
        assertEquals("2", tile("explore", 0));
        assertEquals(Boolean.TRUE, browser.script("return document.getElementById('error-banner').hidden;"));
    }

    @Test
    void shouldLoadThePageWithTheTokenFromTheUrlFragment() throws Exception
    {
        extraServer = AnalyticsHttpServer.start(dspex.queries(), HttpSettings.DEFAULT.withPort(0).withBearerToken(TOKEN));

        browser.open(extraServer.url() + "#token=" + TOKEN);
        browser.await("every panel has data points behind the token", EVERY_PANEL_HAS_DATA);

        assertEquals(60.0, at("reads_and_writes_per_second", 1, PHASE_A));
        assertFalse(browser.currentUrl().contains(TOKEN), "the token leaves the address bar: " + browser.currentUrl());
        assertEquals(Boolean.TRUE, browser.script("return document.getElementById('error-banner').hidden;"));
        assertNoErrors(withoutTheGatesOwn401(browser.console(), extraServer.url()));
    }

    @Test
    void shouldShowAnErrorBannerWhenTheServerStopsAnswering() throws Exception
    {
        extraServer = AnalyticsHttpServer.start(dspex.queries(), HttpSettings.DEFAULT.withPort(0));
        browser.open(extraServer.url());
        browser.await("every panel has data points", EVERY_PANEL_HAS_DATA);

        extraServer.close();

        browser.await("the banner says the server is unreachable",
            "var b = document.getElementById('error-banner');" +
                "return !b.hidden && b.textContent.indexOf('the server is unreachable') >= 0;");
        assertEquals(List.of(), browser.script("return window.analyticsErrors;"), "nothing uncaught");
        browser.console();
    }

    /** @return the value of line {@code line} of chart {@code chart} at the point of {@code timestampMs}. */
    private static Double at(final String chart, final int line, final long timestampMs)
    {
        final Object value = browser.script("var d = analyticsCharts['" + chart + "'].data;" +
            "var i = d[0].indexOf(" + timestampMs / 1000 + "); return i < 0 ? 'no point' : d[" + line + "][i];");
        assertTrue(value == null || value instanceof Number, chart + " at " + timestampMs + ": " + value);
        return value == null ? null : ((Number)value).doubleValue();
    }

    private static String text(final String id)
    {
        return (String)browser.script("return document.getElementById('" + id + "').textContent;");
    }

    /** @return the raw value of tile {@code line} of panel {@code panel} ("" for none). */
    private static String tile(final String panel, final int line)
    {
        return (String)browser.script("return document.getElementById('tile-" + panel + "-" + line + "').dataset.value;");
    }

    /** @return the text tile {@code line} of panel {@code panel} shows. */
    private static String tileText(final String panel, final int line)
    {
        return (String)browser.script("return document.getElementById('tile-" + panel + "-" + line + "').textContent;");
    }

    /**
     * A browser cannot send a header with a navigation, so the page's own URL is answered 401 with the loader, and
     * Chromium logs that status: the one console error the token flow has by design.
     */
    private static List<LogEntry> withoutTheGatesOwn401(final List<LogEntry> entries, final String pageUrl)
    {
        final String own401 = pageUrl + "#token=" + TOKEN +
            " - Failed to load resource: the server responded with a status of 401 (Unauthorized)";
        return entries.stream().filter(e -> !e.getMessage().equals(own401)).toList();
    }

    private static void assertNoErrors(final List<LogEntry> entries)
    {
        final List<String> severe = entries.stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::toString)
            .toList();
        assertEquals(List.of(), severe, "console errors");
        assertEquals(List.of(), browser.script("return window.analyticsErrors;"), "uncaught errors in the page");
    }
}

package dev.bridge.analytics.http;

import dev.bridge.analytics.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.TimeRange;
import dev.bridge.analytics.config.HttpSettings;
import dev.bridge.analytics.dashboard.DashboardJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.logging.LogEntry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static dev.bridge.analytics.http.ScriptedTraffic.NOW;
import static dev.bridge.analytics.http.ScriptedTraffic.PHASE_A;
import static dev.bridge.analytics.http.ScriptedTraffic.PHASE_B;
import static dev.bridge.analytics.http.ScriptedTraffic.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard page in headless Chromium (Selenium), served for an engine holding {@link ScriptedTraffic}: it loads,
 * its charts get the scripted points, its headline numbers are the dashboard's, the console stays free of errors.
 * A screenshot is kept as target/dashboard-page.png.
 */
class DashboardPageTest
{
    private static final String TOKEN = "page-t0ken";
    private static final String CHARTS_HAVE_DATA = "var c = window.analyticsCharts;" +
        "var names = ['operations', 'read_latency', 'write_latency', 'cache_hit_rate', 'error_rate', 'active_sessions'];" +
        "return !!c && names.every(function (n) { return c[n] && c[n].data[0].length > 0 && " +
        "c[n].data.slice(1).some(function (s) { return s.some(function (v) { return v !== null && v > 0; }); }); });";
    private static final String HEADLINE_FILLED =
        "var e = document.getElementById('headline-operations-total_operations'); return !!e && e.dataset.value !== '';";

    @TempDir
    static Path dir;
    private static AnalyticsEngine engine;
    private static AnalyticsHttpServer server;
    private static HeadlessChromium browser;
    private AnalyticsHttpServer extraServer;

    @BeforeAll
    static void start() throws Exception
    {
        BrowserAvailability.require();
        engine = ScriptedTraffic.start(dir.resolve("store"), new ManualClock(NOW));
        server = AnalyticsHttpServer.start(engine.queries(), HttpSettings.DEFAULT.withPort(0));
        browser = new HeadlessChromium(dir.resolve("chromium-profile"));
    }

    @AfterAll
    static void stop()
    {
        if (browser != null)
        {
            browser.close();
        }
        if (server != null)
        {
            server.close();
        }
        if (engine != null)
        {
            engine.close();
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

    @Test
    void shouldDrawTheScriptedTrafficAndShowTheDashboardsHeadline() throws Exception
    {
        browser.open(server.url());
        browser.await("every chart has data points", CHARTS_HAVE_DATA);
        browser.await("the headline numbers are filled", HEADLINE_FILLED);

        assertEquals(300L, browser.script("return analyticsCharts.operations.data[0].length;"), "5 min of 1 s points");
        assertEquals(60.0, at("operations", 1, PHASE_A), "reads per second");
        assertEquals(20.0, at("operations", 2, PHASE_A), "writes per second");
        assertEquals(0.0, at("operations", 2, PHASE_B), "no writes: 0 per second");
        assertEquals(75.0, at("read_latency", 1, T), "read p50 of 51..100");
        assertEquals(100.0, at("read_latency", 3, T), "read p99 of 51..100");
        assertEquals(2000.0, at("write_latency", 3, T), "write p99 of 1100..2000");
        assertEquals(30 / 40.0, at("cache_hit_rate", 1, PHASE_B), "hits / (hits + misses)");
        assertEquals(3 / 85.0, at("error_rate", 1, PHASE_A), "(2 + 1 errors) / (60 + 20 + 5 operations)");
        assertEquals(2 / 60.0, at("error_rate", 1, T), "(1 + 1 errors) / 60 operations");
        assertEquals(5.0, at("active_sessions", 1, PHASE_B), "sessions");

        final JsonNode dashboard = new ObjectMapper().readTree(DashboardJson.toJson(engine.dashboard(TimeRange.LAST_5_MINUTES)));
        @SuppressWarnings("unchecked")
        final Map<String, String> headline = (Map<String, String>)browser.script("var shown = {};" +
            "document.querySelectorAll('#headline .value').forEach(function (e) { shown[e.id] = e.dataset.value; });" +
            "return shown;");
        assertEquals(13, headline.size(), headline.toString());
        for (final Map.Entry<String, String> shown : headline.entrySet())
        {
            final String[] path = shown.getKey().substring("headline-".length()).split("-");
            final JsonNode expected = dashboard.get(path[0]).get(path[1]);
            assertNotNull(expected, shown.getKey());
            if (expected.isNull())
            {
                assertEquals("", shown.getValue(), shown.getKey());
            }
            else
            {
                assertEquals(expected.asDouble(), Double.parseDouble(shown.getValue()), shown.getKey());
            }
        }
        assertEquals(175.0, Double.parseDouble(headline.get("headline-operations-total_operations")));
        assertEquals(Boolean.TRUE, browser.script("return document.getElementById('error-banner').hidden;"));
        assertNoErrors(browser.console());
        browser.screenshot(Path.of("target", "dashboard-page.png"));
    }

    @Test
    void shouldRefreshItselfWhenNewValuesArrive()
    {
        browser.open(server.url());
        browser.await("every chart has data points", CHARTS_HAVE_DATA);
        assertEquals(9.0, at("active_sessions", 1, T));

        engine.gauge("active_sessions").set(12);
        engine.flush();

        browser.await("the sessions chart shows the new maximum",
            "var d = analyticsCharts.active_sessions.data; return d[1][d[0].indexOf(" + T / 1000 + ")] === 12;");
        browser.await("the headline shows the new last value",
            "return document.getElementById('headline-health-active_sessions').dataset.value === '12';");
    }

    @Test
    void shouldLoadThePageWithTheTokenFromTheUrlFragment() throws Exception
    {
        extraServer = AnalyticsHttpServer.start(engine.queries(), HttpSettings.DEFAULT.withPort(0).withBearerToken(TOKEN));

        browser.open(extraServer.url() + "#token=" + TOKEN);
        browser.await("every chart has data points behind the token", CHARTS_HAVE_DATA);
        browser.await("the headline numbers are filled behind the token", HEADLINE_FILLED);

        assertEquals(60.0, at("operations", 1, PHASE_A));
        assertFalse(browser.currentUrl().contains(TOKEN), "the token leaves the address bar: " + browser.currentUrl());
        assertEquals(Boolean.TRUE, browser.script("return document.getElementById('error-banner').hidden;"));
        assertNoErrors(withoutTheGatesOwn401(browser.console(), extraServer.url()));
    }

    @Test
    void shouldShowAnErrorBannerWhenTheServerStopsAnswering() throws Exception
    {
        extraServer = AnalyticsHttpServer.start(engine.queries(), HttpSettings.DEFAULT.withPort(0));
        browser.open(extraServer.url());
        browser.await("every chart has data points", CHARTS_HAVE_DATA);

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

package dev.bridge.analytics.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.HttpSettings;
import dev.bridge.analytics.config.MetricDefinition;
import dev.bridge.analytics.config.PrometheusNames;
import dev.bridge.analytics.config.RepoRoot;
import dev.bridge.analytics.dashboard.Dashboard;
import dev.bridge.analytics.export.PrometheusSnapshots;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.bridge.analytics.http.ScriptedTraffic.NOW;
import static dev.bridge.analytics.http.ScriptedTraffic.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code config/grafana/bridge-analytics.json}: one panel target per field of the specification dashboard, every
 * expression answered by {@code /api/v1/query_range} (as Grafana POSTs it) and naming only series the engine exports.
 */
class GrafanaDashboardTest
{
    private static final Path DASHBOARD = RepoRoot.find().resolve("config/grafana/bridge-analytics.json");

    @TempDir
    static Path dir;
    private static ScriptedServer scripted;

    @BeforeAll
    static void start() throws Exception
    {
        scripted = ScriptedServer.start(dir, new ManualClock(NOW), HttpSettings.DEFAULT.withPort(0), Map::of);
    }

    @AfterAll
    static void stop()
    {
        if (scripted != null)
        {
            scripted.close();
        }
    }

    static List<String> expressions() throws IOException
    {
        final JsonNode root = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        final List<String> out = new ArrayList<>();
        for (final JsonNode panel : root.get("panels"))
        {
            for (final JsonNode target : panel.path("targets"))
            {
                out.add(target.get("expr").asText());
            }
        }
        return out;
    }

    @Test
    void shouldHaveOneTargetPerSpecificationDashboardField() throws IOException
    {
        int fields = 0;
        for (final Class<?> section : List.of(Dashboard.Operations.class, Dashboard.Performance.class,
            Dashboard.Cache.class, Dashboard.Optimizations.class, Dashboard.Health.class))
        {
            fields += section.getRecordComponents().length;
        }

        assertEquals(fields, expressions().size());
    }

    @Test
    void shouldNameOnlySeriesTheEngineExports() throws IOException
    {
        final String prefix = scripted.engine().queries().config().export().prefix();
        final Set<String> exported = new TreeSet<>();
        for (final MetricDefinition m : scripted.engine().queries().config().metrics())
        {
            switch (m.type())
            {
                case HISTOGRAM ->
                {
                    final String family = PrometheusNames.familyName(m, prefix);
                    exported.addAll(List.of(family + "_bucket", family + "_count", family + "_sum"));
                }
                default -> exported.add(PrometheusSnapshots.scalarName(m, prefix));
            }
        }
        final Set<String> named = new TreeSet<>();
        for (final String expr : expressions())
        {
            final Matcher names = Pattern.compile("dspex_[a-z_]+").matcher(expr);
            while (names.find())
            {
                named.add(names.group());
            }
        }

        named.removeAll(exported);
        assertEquals(Set.of(), named, "names the engine does not export; it exports " + exported);
    }

    @ParameterizedTest
    @MethodSource("expressions")
    void shouldAnswerEveryExpressionOverQueryRangeAsGrafanaPostsIt(final String expr)
    {
        final HttpResponse<String> response = scripted.http().send("POST", "/api/v1/query_range",
            HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) +
                "&start=" + (T / 1000 - 3600) + "&end=" + (T / 1000) + "&step=60"),
            "Content-Type", "application/x-www-form-urlencoded");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\""), response.body());
    }
}

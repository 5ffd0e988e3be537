package dev.bridge.analytics.http;

import dev.bridge.analytics.config.HttpSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code http.bearer_token} set, every path needs {@code Authorization: Bearer <token>}. */
class BearerTokenTest
{
    private static final String TOKEN = "s3cret-t0ken";

    @TempDir
    static Path dir;
    private static ScriptedServer scripted;
    private static HttpCalls http;

    @BeforeAll
    static void start() throws Exception
    {
        scripted = ScriptedServer.start(dir, HttpSettings.DEFAULT.withPort(0).withBearerToken(TOKEN));
        http = scripted.http();
    }

    @AfterAll
    static void stop()
    {
        if (scripted != null)
        {
            scripted.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/static/dashboard.js", "/static/uPlot.iife.min.js", "/metrics", "/api/health",
        "/api/dashboard?range=last_minute", "/api/query?metric=variable_read", "/api/export?format=csv", "/nope" })
    void shouldRefuseEveryPathWithoutAToken(final String path)
    {
        final HttpResponse<String> response = http.get(path);

        assertEquals(401, response.statusCode(), response.body());
        assertEquals("Bearer realm=\"analytics\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"error\":\"this server needs a bearer token: send the header 'Authorization: Bearer <token>'\"}",
            response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer wrong", "Bearer " + TOKEN + "x", "Bearer s3cret", "Bearer " + TOKEN + " x" })
    void shouldRefuseAWrongToken(final String authorization)
    {
        final HttpResponse<String> response = http.get("/api/health", "Authorization", authorization);

        assertEquals(401, response.statusCode(), response.body());
        assertEquals("Bearer realm=\"analytics\", error=\"invalid_token\"",
            response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("{\"error\":\"invalid bearer token\"}", response.body());
    }

    @Test
    void shouldRefuseAnotherScheme()
    {
        final String basic = "Basic " + Base64.getEncoder().encodeToString(("user:" + TOKEN).getBytes(StandardCharsets.UTF_8));

        assertEquals(401, http.get("/api/health", "Authorization", basic).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/static/dashboard.css", "/api/health", "/api/dashboard", "/api/query?metric=variable_read" })
    void shouldServeEveryPathWithTheRightToken(final String path)
    {
        assertEquals(200, http.get(path, "Authorization", "Bearer " + TOKEN).statusCode(), path);
        assertEquals(200, http.get(path, "Authorization", "bearer " + TOKEN).statusCode(), "the scheme's case does not matter");
    }

    @Test
    void shouldCheckTheTokenBeforeThePathAndTheMethod()
    {
        assertEquals(401, http.get("/no/such/path").statusCode(), "unknown paths are not revealed");
        assertEquals(401, http.send("DELETE", "/api/health", HttpRequest.BodyPublishers.noBody())
            .statusCode());
        assertEquals(404, http.get("/no/such/path", "Authorization", "Bearer " + TOKEN).statusCode());
    }

    @Test
    void shouldGiveABrowserTheLoaderPageWithTheChallenge() throws Exception
    {
        final HttpResponse<String> response = http.get("/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"analytics\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        final String body = response.body();
        final String script = body.substring(body.indexOf("<script>") + "<script>".length(), body.indexOf("</script>"));
        assertEquals(new String(StaticResources.read("/dev/bridge/analytics/http/token-gate.js"), StandardCharsets.UTF_8),
            script);
        final String hash = Base64.getEncoder().encodeToString(
            MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        final String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("script-src 'sha256-" + hash + "' blob:;"), policy);
        assertFalse(body.contains("analyticsCharts"), "nothing of the page itself without the token");
    }
}

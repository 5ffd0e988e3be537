package dev.bridge.analytics.bench;

import dev.bridge.analytics.cli.BackgroundCommand;
import dev.bridge.analytics.cli.ExitCodes;
import dev.bridge.analytics.cli.SmallStoreConfig;
import dev.bridge.analytics.cli.query.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analytics bench --serve}, in-process: its port check, and serving the run's store (moved from serve's test). */
class BenchServeTest
{
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAServePortOutOfRange()
    {
        assertEquals(ExitCodes.USAGE, CommandRun.of(BenchmarksCli.newCommandLine(), "bench", "--serve=70000").exit());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldServeTheLoadRunsStoreDuringAndAfterBench() throws Exception
    {
        final BackgroundCommand bench = BackgroundCommand.start(BenchmarksCli.newCommandLine(), "bench", "--config",
            SmallStoreConfig.in(dir).toString(), "--events", "20000", "--warmup-events", "0", "--no-baseline", "--quiet",
            "--store", dir.resolve("store").toString(), "--serve=0");
        final String url = bench.await("the URL", () -> match(bench.err()));
        bench.await("the verdict", () -> bench.out().contains("NO LOSS: ") ? "done" : null);
        bench.await("serving after the verdict", () -> bench.err().contains("serving the run's store at " + url) ? "y" : null);

        final HttpResponse<String> health = get(url + "api/health");
        assertEquals(200, health.statusCode(), health.body());
        final Matcher published = Pattern.compile("\"events_published\":(\\d+)").matcher(health.body());
        assertTrue(published.find(), health.body());
        assertTrue(Long.parseLong(published.group(1)) >= 20_000, health.body());
        final HttpResponse<String> dashboard = get(url + "api/dashboard?range=last_hour");
        assertEquals(200, dashboard.statusCode(), dashboard.body());
        assertFalse(dashboard.body().contains("\"total_operations\":null"), dashboard.body());

        assertEquals(ExitCodes.OK, bench.stop(), bench.toString());
    }

    private static String match(final String text)
    {
        final Matcher m = URL.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static HttpResponse<String> get(final String url) throws Exception
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}

package dev.bridge.analytics.http;

import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.HttpSettings;
import dev.bridge.analytics.export.ExternalValidators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.bridge.analytics.http.ScriptedTraffic.NOW;
import static dev.bridge.analytics.http.ScriptedTraffic.T;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client no one here wrote: Prometheus' own {@code promtool query instant|range|series|labels} (Debian package
 * {@code prometheus}, client_golang's API client, which POSTs forms and falls back to GET only on 405) against the
 * engine's API, with {@code -o json} for exact answers. Skipped when promtool is absent (failed with
 * {@code ANALYTICS_REQUIRE_VALIDATORS=1}).
 */
class PromtoolQueryTest
{
    @TempDir
    static Path dir;
    private static ScriptedServer scripted;
    private static String url;
    private static final long T_SECONDS = T / 1000;

    @BeforeAll
    static void start() throws Exception
    {
        scripted = ScriptedServer.start(dir, new ManualClock(NOW), HttpSettings.DEFAULT.withPort(0), Map::of);
        url = "http://127.0.0.1:" + scripted.server().port();
    }

    @AfterAll
    static void stop()
    {
        if (scripted != null)
        {
            scripted.close();
        }
    }

    private static String promtool(final String... args)
    {
        final ExternalValidators.Result result = ExternalValidators.promtool(args);
        assertEquals(0, result.exitCode(), result.output());
        return result.output().trim();
    }

    @Test
    void shouldAnswerPromtoolQueryInstant()
    {
        assertEquals("[{\"metric\":{\"__name__\":\"dspex_variable_read_total\"},\"value\":[" + T_SECONDS + ",\"90\"]}]",
            promtool("query", "instant", "-o", "json", "--time=" + T_SECONDS, url, "dspex_variable_read_total"));
    }

    @Test
    void shouldAnswerPromtoolQueryRange()
    {
        assertEquals("[{\"metric\":{},\"values\":[[" + (T_SECONDS - 15) + ",\"60\"],[" + (T_SECONDS - 10) + ",\"60\"],[" +
            (T_SECONDS - 5) + ",\"60\"],[" + T_SECONDS + ",\"90\"]]}]", promtool("query", "range", "-o", "json",
                "--start=" + (T_SECONDS - 15), "--end=" + T_SECONDS, "--step=5s", url, "sum(dspex_variable_read_total)"));
    }

    /*
     * promtool sends start/end (by default the real clock -/+ 9999 h, after this engine's manual clock): the range
     * is given, ending at T - 20 s. The {operation="write"} series, first recorded at T (a counter call may be stamped
     * as late as the previous phase's time, T - 10 s), has no sample in it; {operation="read"} has them from T - 29 s.
     */
    @Test
    void shouldAnswerPromtoolQuerySeries()
    {
        assertEquals("[{\"__name__\":\"dspex_operation_error_total\",\"operation\":\"read\"}]",
            promtool("query", "series", "-o", "json", "--match=dspex_operation_error_total",
                "--start=" + (T_SECONDS - 3600), "--end=" + (T_SECONDS - 20), url));
    }

    @Test
    void shouldAnswerPromtoolQueryLabels()
    {
        assertEquals("[\"read\"]", promtool("query", "labels", "-o", "json", "--start=" + (T_SECONDS - 3600),
            "--end=" + (T_SECONDS - 20), url, "operation"));
    }
}

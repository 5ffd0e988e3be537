package dev.bridge.analytics.bench;

import dev.bridge.analytics.cli.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@code analytics bench} in-process, as the command line would, and checks its verdict and JSON. */
class BenchCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldVerifyEveryEventOnAFreshStoreAndAgainOnTheSameStoreWithHistory() throws Exception
    {
        final Path store = dir.resolve("store");
        final JsonNode first = runBench(store, dir.resolve("first.json"));
        final JsonNode second = runBench(store, dir.resolve("second.json"));

        assertEquals(first.get("verified_series").asInt(), second.get("verified_series").asInt(),
            "the second run verifies the same series despite the history: " + second);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldReportThePrometheusPeerAndCpuPerEventInTextAndJson() throws Exception
    {
        final Path jsonFile = dir.resolve("peer.json");
        final StringWriter out = new StringWriter();
        final CommandLine cl = BenchmarksCli.newCommandLine();
        cl.setOut(new PrintWriter(out));

        final int exit = cl.execute("bench", "--events", "200000", "--producers", "2", "--warmup-events", "20000",
            "--json", jsonFile.toString(), "--quiet");

        assertEquals(ExitCodes.OK, exit, out.toString());
        final JsonNode json = JSON.readTree(jsonFile.toFile());
        final double eps = json.get("throughput_eps").asDouble();
        final double peerEps = json.get("peer_eps").asDouble();
        assertTrue(peerEps > 0, json.toString());
        assertEquals(eps / peerEps, json.get("ratio_to_peer").asDouble(), 0.0, json.toString());
        assertTrue(json.get("cpu_ns_per_event").asDouble() > 0, json.toString());
        assertTrue(json.get("peer_cpu_ns_per_event").asDouble() > 0, json.toString());
        assertTrue(json.get("engine_thread_cpu_ns").asLong() > 0, json.toString());
        assertEquals(json.get("timed_events").asLong(), json.get("peer_timed_events").asLong(), json.toString());
        assertEquals(json.get("verified_series").asInt(), json.get("peer_verified_series").asInt(), json.toString());
        assertEquals(0, json.get("peer_mismatches").size(), json.toString());
        assertTrue(out.toString().contains(String.format(
            "Peer          Prometheus client_java, same producers and events: %,.0f events/s (%,d events in ",
            peerEps, json.get("peer_timed_events").asLong())), out.toString());
        assertTrue(out.toString().contains(String.format(" s)   engine/peer %.3f%n", json.get("ratio_to_peer").asDouble())),
            out.toString());
        assertTrue(out.toString().contains(String.format("CPU per event engine %,.1f ns (producers ",
            json.get("cpu_ns_per_event").asDouble())), out.toString());
        assertTrue(out.toString().contains(String.format("   peer %,.1f ns   engine/peer ",
            json.get("peer_cpu_ns_per_event").asDouble())), out.toString());
        assertTrue(out.toString().contains(String.format("Peer check    NO LOSS: %d series hold what was sent%n",
            json.get("peer_verified_series").asInt())), out.toString());
    }

    @Test
    void shouldExitWithUsageCodeAndPositionForAnInvalidConfiguration() throws Exception
    {
        final Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "engine:\n  ring_size: 1000\nmetrics:\n  x:\n    type: counter\n    unit: ops\n    help: x\n");
        final StringWriter err = new StringWriter();
        final CommandLine cl = BenchmarksCli.newCommandLine();
        cl.setErr(new PrintWriter(err));

        final int exit = cl.execute("bench", "--config", config.toString(), "--events", "10", "--quiet");

        assertEquals(ExitCodes.USAGE, exit);
        assertTrue(err.toString().contains(config + ":2:"), err.toString());
        assertTrue(err.toString().contains("ring_size"), err.toString());
    }

    @Test
    void shouldExitWithUsageCodeForDurationAndEventsTogether()
    {
        final CommandLine cl = BenchmarksCli.newCommandLine();
        cl.setErr(new PrintWriter(new StringWriter()));

        assertEquals(ExitCodes.USAGE, cl.execute("bench", "--duration", "1s", "--events", "10"));
        assertEquals(ExitCodes.USAGE, cl.execute("bench", "--duration", "soon"));
        assertEquals(ExitCodes.USAGE, cl.execute());
    }

    private JsonNode runBench(final Path store, final Path jsonFile) throws Exception
    {
        final StringWriter out = new StringWriter();
        final CommandLine cl = BenchmarksCli.newCommandLine();
        cl.setOut(new PrintWriter(out));

        final int exit = cl.execute("bench", "--events", "200000", "--producers", "2", "--json", jsonFile.toString(),
            "--no-baseline", "--quiet", "--store", store.toString());

        assertEquals(ExitCodes.OK, exit, out.toString());
        assertTrue(out.toString().contains("NO LOSS: "), out.toString());
        final JsonNode json = JSON.readTree(jsonFile.toFile());
        assertEquals(0, json.get("lost").asLong(), json.toString());
        assertEquals(0, json.get("mismatched_series").asInt(), json.toString());
        assertTrue(json.get("verified_series").asInt() > 20, json.toString());
        assertTrue(json.get("events_published").asLong() >= 200_000, json.toString());
        final JsonNode expected = json.get("expected");
        for (final MetricDefinition metric : EngineConfig.defaults().metrics())
        {
            if (!SeriesPlan.engineSampled(EngineConfig.defaults()).contains(metric.name()))
            {
                assertTrue(expected.has(metric.name()), "expected has " + metric.name() + ": " + expected);
                assertTrue(expected.get(metric.name()).get("count").asLong() > 0, metric.name() + ": " + expected);
            }
        }
        for (final String sampled : SeriesPlan.engineSampled(EngineConfig.defaults()))
        {
            assertTrue(!expected.has(sampled), "the load run must not publish " + sampled);
        }
        return json;
    }
}

package dev.bridge.analytics.remote;

import dev.bridge.analytics.pipeline.EngineCounters;
import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.RemoteWriteSettings;
import dev.bridge.analytics.pipeline.SelfMetric;
import dev.bridge.analytics.remote.prompb.Remote.WriteRequest;
import dev.bridge.analytics.remote.prompb.Types.TimeSeries;
import org.agrona.concurrent.EpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The remote-write exporter against a receiver on 127.0.0.1 that decodes every request: the wire format, the
 * cumulative values step after step, retries, drops, resumption after a restart, and the last push of close().
 */
class RemoteWriteExporterTest
{
    /** A multiple of the 15 s step. */
    private static final long T0 = 1_700_000_100_000L;
    private static final long STEP = 15_000;

    @Test
    void shouldSendTheClosedStepWithTheRemoteWriteHeadersAndExactValues(@TempDir final Path dir) throws Exception
    {
        try (FakeReceiver receiver = new FakeReceiver();
             RemoteWriteNode node = new RemoteWriteNode(dir, "node-a", receiver.url(), T0,
                 RemoteWriteSettings.DEFAULT.minBackoff(), Map.of("X-Scope-OrgID", "tenant-1", "Authorization", "Bearer t0k")))
        {
            node.clock.set(T0 + 2_000);
            node.engine.counter("variable_read").add(5);
            node.engine.counter("grpc_error", "code", "UNAVAILABLE").add(2);
            node.engine.histogram("read_latency_us").record(100);
            node.engine.histogram("read_latency_us").record(200);
            node.engine.histogram("read_latency_us").record(3000);
            node.engine.gauge("active_sessions").set(7);
            node.push(T0 + STEP + RemoteWriteExporter.GRACE_MS - 1);
            assertEquals(List.of(), receiver.received(), "the step has not closed yet");
            node.push(T0 + STEP + RemoteWriteExporter.GRACE_MS);
            assertEquals(1, receiver.received().size());
            final FakeReceiver.Received received = receiver.received().get(0);
            assertEquals("snappy", received.headers().get("Content-Encoding"));
            assertEquals("application/x-protobuf", received.headers().get("Content-Type"));
            assertEquals("0.1.0", received.headers().get("X-Prometheus-Remote-Write-Version"));
            assertEquals("tenant-1", received.headers().get("X-Scope-OrgID"), "configured headers go with every request");
            assertEquals("Bearer t0k", received.headers().get("Authorization"));
            final String labels = "instance=\"node-a\",job=\"dspex\"";
            final String at = " @" + (T0 + STEP) + "\n";
            final StringBuilder expected = new StringBuilder()
                .append("dspex_variable_read_total{").append(labels).append("} 5.0").append(at)
                .append("dspex_grpc_error_total{code=\"UNAVAILABLE\",").append(labels).append("} 2.0").append(at);
            final String[] bounds = { "5.0E-5", "1.0E-4", "2.5E-4", "5.0E-4", "0.001", "0.0025", "0.005", "0.01",
                "0.025", "0.05", "0.1", "0.25", "1.0", "+Inf" }; // as the scrape writes them
            final int[] counts = { 0, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3 };
            for (int i = 0; i < bounds.length; i++)
            {
                expected.append("dspex_read_latency_seconds_bucket{").append(labels).append(",le=\"").append(bounds[i])
                    .append("\"} ").append((double)counts[i]).append(at);
            }
            // native buckets at schema 8: ceil(log2(v) * 256) = -3401, -3145, -2145 for 100, 200 and 3000 us
            expected.append("dspex_read_latency_seconds_count{").append(labels).append("} 3.0").append(at)
                .append("dspex_read_latency_seconds_sum{").append(labels).append("} 0.0033").append(at)
                .append("dspex_read_latency_seconds{").append(labels).append("} histogram count=3 sum=0.0033 schema=8 ")
                .append("zero=0 threshold=0.0 spans=[-3401:1 255:1 999:1 ] deltas=[1, 0, 0]").append(at)
                .append("dspex_active_sessions{").append(labels).append("} 7.0").append(at);
            assertEquals(expected.toString(), FakeReceiver.text(received.request()));
            assertEquals(List.of("dspex_variable_read", "dspex_grpc_error", "dspex_read_latency_seconds",
                "dspex_active_sessions"), received.request().getMetadataList().stream()
                .map(m -> m.getMetricFamilyName()).toList(), "one metadata entry per family");
            assertEquals(19, node.exporter.samplesSent(), "2 counters, 14 buckets, count, sum, 1 gauge");
            assertEquals(1, node.exporter.histogramsSent());
            assertEquals(T0 + STEP, node.exporter.ackedUntilMs());
            assertEquals(1, node.exporter.requests());
        }
    }

    @Test
    void shouldSendCumulativeValuesAtEveryStepOnceASeriesHasData(@TempDir final Path dir) throws Exception
    {
        try (FakeReceiver receiver = new FakeReceiver();
             RemoteWriteNode node = new RemoteWriteNode(dir, "node-a", receiver.url(), T0))
        {
            node.clock.set(T0 + 1_000);
            node.engine.counter("variable_read").add(5);
            node.engine.flush(); // the consumer stamps events with the clock's time when it takes them
            node.clock.set(T0 + 2 * STEP + 1_000); // the second step adds nothing
            node.engine.counter("variable_read").add(3);
            node.engine.gauge("active_sessions").set(4);
            node.push(T0 + 3 * STEP + RemoteWriteExporter.GRACE_MS);
            assertEquals(1, receiver.received().size(), "the three closed steps go in one request");
            assertEquals(String.join("",
                    "dspex_variable_read_total{instance=\"node-a\",job=\"dspex\"} 5.0 @" + (T0 + STEP) + "\n",
                    "dspex_variable_read_total{instance=\"node-a\",job=\"dspex\"} 5.0 @" + (T0 + 2 * STEP) + "\n",
                    "dspex_variable_read_total{instance=\"node-a\",job=\"dspex\"} 8.0 @" + (T0 + 3 * STEP) + "\n",
                    "dspex_active_sessions{instance=\"node-a\",job=\"dspex\"} 4.0 @" + (T0 + 3 * STEP) + "\n"),
                FakeReceiver.text(receiver.received().get(0).request()));
        }
    }

    @Test
    void shouldCarryInTheStoresRunningTotalsRecordedBeforeItsFirstStep(@TempDir final Path dir) throws Exception
    {
        try (FakeReceiver receiver = new FakeReceiver();
             RemoteWriteNode node = new RemoteWriteNode(dir, "node-a", receiver.url(), T0))
        {
            node.clock.set(T0 + 1_000);
            node.engine.counter("variable_read").add(100); // two hours before the push: past the raw retention
            for (int v = 1; v <= 10; v++)
            {
                node.engine.histogram("read_latency_us").record(v * 100);
            }
            node.engine.flush();
            final long lastStepMs = T0 + 2 * 3_600_000L;
            node.clock.set(lastStepMs - 5_000);
            node.engine.counter("variable_read").add(3);
            node.engine.histogram("read_latency_us").record(2_000);
            for (int cycle = 0; cycle < 100 && node.exporter.ackedUntilMs() < lastStepMs; cycle++)
            {
                node.push(lastStepMs + RemoteWriteExporter.GRACE_MS);
            }
            assertEquals(lastStepMs, node.exporter.ackedUntilMs());
            final String first = FakeReceiver.text(receiver.received().get(0).request());
            final String last = FakeReceiver.text(receiver.received().get(receiver.received().size() - 1).request());
            // the first step sent already counts what the store recorded before it, as /metrics exports it
            assertTrue(first.startsWith("dspex_variable_read_total{instance=\"node-a\",job=\"dspex\"} 100.0 @"), first);
            assertTrue(first.contains("dspex_read_latency_seconds_count{instance=\"node-a\",job=\"dspex\"} 10.0 @"), first);
            assertTrue(first.contains("dspex_read_latency_seconds_bucket{instance=\"node-a\",job=\"dspex\",le=\"0.001\"} 10.0 @"), first);
            assertTrue(first.contains(" histogram count=10 "), first);
            assertTrue(last.contains("dspex_variable_read_total{instance=\"node-a\",job=\"dspex\"} 103.0 @" + lastStepMs), last);
            assertTrue(last.contains("dspex_read_latency_seconds_count{instance=\"node-a\",job=\"dspex\"} 11.0 @" + lastStepMs), last);
            assertTrue(last.contains(" histogram count=11 "), last);
            final var scraped = node.engine.queries().totals(Set.of()).series().stream()
                .filter(s -> s.metric().name().equals("variable_read")).findFirst().orElseThrow();
            assertEquals(103, scraped.total(), "the same total as the scrape");
        }
    }

    @Test
    void shouldRetryA5xxWithTheSameRequestAndSendNothingTwice(@TempDir final Path dir) throws Exception
    {
        try (FakeReceiver receiver = new FakeReceiver();
             RemoteWriteNode node = new RemoteWriteNode(dir, "node-a", receiver.url(), T0))
        {
            receiver.answer(503, 500);
            node.clock.set(T0 + 1_000);
            node.engine.counter("variable_read").add(5);
            final long closed = T0 + STEP + RemoteWriteExporter.GRACE_MS;
            node.push(closed);
            assertEquals(1, node.exporter.failedAttempts());
            assertTrue(node.exporter.ackedUntilMs() < T0 + STEP, "not acknowledged");
            node.push(closed + 499);
            assertEquals(1, receiver.received().size(), "the backoff (500 ms) has not passed");
            node.push(closed + 500);
            assertEquals(2, node.exporter.failedAttempts(), "second failure: the backoff doubles to 1 s");
            node.engine.counter("variable_read").add(1); // lands in the next step (now is past the first one)
            node.push(closed + 1_499);
            assertEquals(2, receiver.received().size());
            node.push(closed + 1_500);
            assertEquals(3, receiver.received().size());
            assertEquals(T0 + STEP, node.exporter.ackedUntilMs());
            final List<FakeReceiver.Received> all = receiver.received();
            assertEquals(all.get(0).request(), all.get(2).request(), "the retry carries the same request");
            assertEquals(List.of(503, 500, 204), all.stream().map(FakeReceiver.Received::answeredStatus).toList());
            assertEquals(1, node.exporter.requests());
            assertEquals(0, node.exporter.droppedRequests());
        }
    }

    @Test
    void shouldDropAndCountA4xxWithoutRetryingAndGoOn(@TempDir final Path dir) throws Exception
    {
        try (FakeReceiver receiver = new FakeReceiver();
             RemoteWriteNode node = new RemoteWriteNode(dir, "node-a", receiver.url(), T0))
        {
            receiver.answer(400);
            node.clock.set(T0 + 1_000);
            node.engine.counter("variable_read").add(5);
            node.push(T0 + STEP + RemoteWriteExporter.GRACE_MS);
            assertEquals(1, node.exporter.droppedRequests());
            assertEquals(1, node.exporter.droppedSamples());
            assertEquals(0, node.exporter.failedAttempts(), "a 400 is not retried");
            assertEquals(T0 + STEP, node.exporter.ackedUntilMs(), "the position moves past the refused step");
            node.clock.set(T0 + STEP + 2_000);
            node.engine.counter("variable_read").add(3);
            node.push(T0 + 2 * STEP + RemoteWriteExporter.GRACE_MS);
            assertEquals(2, receiver.received().size());
            assertEquals("dspex_variable_read_total{instance=\"node-a\",job=\"dspex\"} 8.0 @" + (T0 + 2 * STEP) + "\n",
                FakeReceiver.text(receiver.accepted().get(0)), "the counter stays cumulative across the dropped step");
        }
    }

    @Test
    void shouldDropOnlyA4xxOtherThan429AndRetryEverythingElse()
    {
        for (final int status : new int[]{ 200, 204 })
        {
            assertTrue(new RemoteWriteClient.Answer(status, "").ok());
            assertEquals(false, new RemoteWriteClient.Answer(status, "").retryable());
        }
        for (final int status : new int[]{ 300, 304, 429, 500, 503 })
        {
            assertTrue(new RemoteWriteClient.Answer(status, "").retryable(), "retried: " + status);
        }
        for (final int status : new int[]{ 400, 401, 404, 413 })
        {
            assertEquals(false, new RemoteWriteClient.Answer(status, "").retryable(), "dropped: " + status);
        }
    }

    @Test
    void shouldStartFromNowWithoutResendingHistoryWhenTheStateCannotBeRead(@TempDir final Path dir) throws Exception
    {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("remote-write.json"), "{\"version\": 1, \"url\": ");
        try (FakeReceiver receiver = new FakeReceiver();
             RemoteWriteNode node = new RemoteWriteNode(dir, "node-a", receiver.url(), T0 + 7_000))
        {
            assertEquals(T0, node.exporter.ackedUntilMs(), "the step holding now: the receiver may have the history");
            assertEquals(1, node.exporter.errors());
            assertTrue(Files.exists(dir.resolve("remote-write.json.unreadable")), "kept aside for a look");
        }
    }

    @Test
    void shouldCountAnUnreachableReceiverAndKeepEverythingForLater(@TempDir final Path dir) throws Exception
    {
        final URI closedPort;
        try (ServerSocket socket = new ServerSocket(0))
        {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/api/v1/write");
        }
        try (RemoteWriteNode node = new RemoteWriteNode(dir, "node-a", closedPort, T0))
        {
            node.clock.set(T0 + 1_000);
            node.engine.counter("variable_read").add(5);
            node.push(T0 + STEP + RemoteWriteExporter.GRACE_MS);
            node.push(T0 + STEP + RemoteWriteExporter.GRACE_MS + 500);
            assertEquals(2, node.exporter.failedAttempts());
            assertEquals(0, node.exporter.errors());
            assertTrue(node.exporter.ackedUntilMs() < T0 + STEP, "nothing acknowledged");
        }
        // close() tried for close_timeout (5 s here) and gave up: the state still points before the step
        try (FakeReceiver receiver = new FakeReceiver();
             RemoteWriteNode again = new RemoteWriteNode(dir, "node-a", receiver.url(), T0 + STEP + 3_000))
        {
            again.push(T0 + 2 * STEP + RemoteWriteExporter.GRACE_MS);
            assertEquals(T0 + 2 * STEP, again.exporter.ackedUntilMs());
            assertTrue(FakeReceiver.text(receiver.accepted().get(0)).startsWith(
                "dspex_variable_read_total{instance=\"node-a\",job=\"dspex\"} 5.0 @" + (T0 + STEP) + "\n"),
                "a new receiver URL starts anew from the store: the step is there");
        }
    }

    @Test
    void shouldResumeAfterARestartWithoutResendingOrResettingCounters(@TempDir final Path dir) throws Exception
    {
        try (FakeReceiver receiver = new FakeReceiver())
        {
            try (RemoteWriteNode node = new RemoteWriteNode(dir, "node-a", receiver.url(), T0))
            {
                node.clock.set(T0 + 1_000);
                node.engine.counter("variable_read").add(5);
                node.push(T0 + STEP + RemoteWriteExporter.GRACE_MS);
                node.clock.set(T0 + STEP + 1_500);
                node.engine.counter("variable_read").add(2);
            } // close(): pushes up to the end of the current raw bucket, T0 + STEP + 2 s
            assertTrue(Files.exists(dir.resolve("remote-write.json")));
            try (RemoteWriteNode node = new RemoteWriteNode(dir, "node-a", receiver.url(), T0 + STEP + 5_000))
            {
                assertEquals(T0 + STEP, node.exporter.ackedUntilMs(),
                    "resumes at the start of the partial step close() sent, to read it whole");
                node.clock.set(T0 + STEP + 6_000);
                node.engine.counter("variable_read").add(3);
                node.push(T0 + 2 * STEP + RemoteWriteExporter.GRACE_MS);
            }
            final StringBuilder all = new StringBuilder();
            receiver.accepted().forEach(r -> all.append(FakeReceiver.text(r)));
            final String series = "dspex_variable_read_total{instance=\"node-a\",job=\"dspex\"} ";
            assertEquals(series + "5.0 @" + (T0 + STEP) + "\n" + series + "7.0 @" + (T0 + STEP + 2_000) + "\n" +
                series + "10.0 @" + (T0 + 2 * STEP) + "\n" +
                series + "10.0 @" + (T0 + 2 * STEP + 2_000) + "\n", all.toString(),
                "each step once, the counter never reset; the last sample is the second close()'s partial step, up to " +
                "the end of the raw bucket holding the clock's time (T0 + 2 steps + 1 s, a bucket's first instant)");
        }
    }

    @Test
    void shouldFoldStepsOlderThanTheRawRetentionIntoOneSampleReadFromTheRollups(@TempDir final Path dir) throws Exception
    {
        try (FakeReceiver receiver = new FakeReceiver();
             RemoteWriteNode node = new RemoteWriteNode(dir, "node-a", receiver.url(), T0))
        {
            record(node, T0 + 1_000, 5);
            node.push(T0 + STEP + RemoteWriteExporter.GRACE_MS);
            record(node, T0 + 20_000, 7);
            receiver.answer(503);
            node.push(T0 + 2 * STEP + RemoteWriteExporter.GRACE_MS); // fails: the receiver is "down" for two hours
            record(node, T0 + Duration.ofMinutes(10).toMillis(), 11); // its raw bucket will be past raw_retention
            record(node, T0 + Duration.ofMinutes(90).toMillis(), 13);
            final long later = T0 + Duration.ofHours(2).toMillis();
            node.push(later); // the pending request is retried first
            node.push(later + RemoteWriteExporter.GRACE_MS);
            // acknowledged up to T0 + 30 s; raw steps are read from T0 + 1 h + 75 s (the raw buckets kept, plus a
            // minute of margin); the catch-up window [T0 + 30 s, T0 + 1 h + 2 min) ends on the next minute boundary
            // and reads the one-minute rollups
            final long catchUpEnd = T0 + Duration.ofHours(1).toMillis() + 120_000;
            assertEquals((catchUpEnd - (T0 + 2 * STEP)) / STEP, node.exporter.foldedSteps());
            assertEquals(later, node.exporter.ackedUntilMs());
            final List<String> samples = new ArrayList<>();
            receiver.accepted().forEach(r -> samples.addAll(List.of(FakeReceiver.text(r).split("\n"))));
            final String series = "dspex_variable_read_total{instance=\"node-a\",job=\"dspex\"} ";
            assertEquals(series + "5.0 @" + (T0 + STEP), samples.get(0));
            assertEquals(series + "12.0 @" + (T0 + 2 * STEP), samples.get(1));
            assertEquals(series + "23.0 @" + catchUpEnd, samples.get(2), "the outage's 11 from the minute rollup");
            assertEquals(series + "23.0 @" + (catchUpEnd + STEP), samples.get(3), "then raw steps again");
            assertEquals(series + "36.0 @" + (T0 + Duration.ofMinutes(90).toMillis() + STEP),
                samples.get(3 + (int)((T0 + Duration.ofMinutes(90).toMillis() - catchUpEnd) / STEP)));
            assertEquals(series + "36.0 @" + later, samples.get(samples.size() - 1), "the total is whole: 5 + 7 + 11 + 13");
            assertEquals(3 + (later - catchUpEnd) / STEP, samples.size(), "one sample per step after the catch-up");
        }
    }

    /** Adds {@code count} to variable_read at {@code atMs} (the consumer stamps events when it takes them). */
    private static void record(final RemoteWriteNode node, final long atMs, final long count)
    {
        node.engine.flush();
        node.clock.set(atMs);
        node.engine.counter("variable_read").add(count);
        node.engine.flush();
    }

    @Test
    void shouldNotCarryInWhatWasCommittedAfterTheCycleReadTheClock(@TempDir final Path dir) throws Exception
    {
        // the cycle reads the clock (read 1), then time moves on and a commit lands before the store is read
        assertEquals(List.of("820.0 @45000"), counterSamplesWithACommitAtClockRead(dir, 1, false, T0, 0),
            "the 820 events of the step ending at T0+45 s, once: none before it, none counted twice");
    }

    @Test
    void shouldCarryInEverythingOlderThanItsFirstStepWhenACommitLandsBetweenTheSeedsReads(@TempDir final Path dir)
        throws Exception
    {
        // 100 events two hours earlier (past the raw retention: only the running totals hold them), and a commit
        // between the seed's read of those totals and its read of what is newer (read 2, the seed's, returns a time
        // after that commit, so the newer part holds the 820 that the totals read before it lack)
        final long startMs = T0 - 2 * 3_600_000L;
        final List<String> values = counterSamplesWithACommitAtClockRead(dir, 2, true, startMs, 100);
        assertEquals("920.0 @45000", values.get(values.size() - 1), "the 100 older events and the 820 once");
        assertEquals(List.of("100.0"), values.subList(0, values.size() - 1).stream().map(v -> v.split(" ")[0])
            .distinct().toList(), "every step sent before the commit's carries the 100 older events");
    }

    /**
     * Records {@code earlier} events at {@code startMs}, starts an exporter at T0 + 16 s whose clock, at its
     * {@code commitAtRead}-th read, moves the engine's clock to T0 + 30 s and commits 820 events (that read returns
     * the time after the commit when {@code readAfterCommit}, else the time before it), then pushes every step up to
     * T0 + 45 s.
     *
     * @return the counter's samples sent, as "value @ms after T0".
     */
    private static List<String> counterSamplesWithACommitAtClockRead(
        final Path dir, final int commitAtRead, final boolean readAfterCommit, final long startMs, final long earlier)
        throws Exception
    {
        try (FakeReceiver receiver = new FakeReceiver())
        {
            final ManualClock clock = new ManualClock(startMs);
            final EngineConfig config = EngineConfig.defaults().withEngine(
                b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000));
            try (AnalyticsEngine engine = AnalyticsEngine.start(config, clock))
            {
                if (earlier > 0)
                {
                    engine.counter("variable_read").add(earlier);
                    engine.flush();
                }
                final AtomicInteger readsUntilCommit =
                    new AtomicInteger(Integer.MAX_VALUE);
                final EpochClock exporterClock = () ->
                {
                    final long now = clock.time();
                    if (readsUntilCommit.decrementAndGet() == 0)
                    {
                        clock.set(T0 + 30_000);
                        engine.counter("variable_read").add(800);
                        engine.counter("variable_read").add(20);
                        engine.flush();
                        return readAfterCommit ? clock.time() : now;
                    }
                    return now;
                };
                clock.set(T0 + STEP + RemoteWriteExporter.GRACE_MS);
                final RemoteWriteExporter exporter = new RemoteWriteExporter(engine.queries(), config,
                    RemoteWriteSettings.DEFAULT.enabledAt(receiver.url()), dir, exporterClock, new EngineCounters());
                readsUntilCommit.set(commitAtRead);
                exporter.doWork();
                final long lastStepMs = T0 + 3 * STEP;
                for (int cycle = 0; cycle < 1_000 && exporter.ackedUntilMs() < lastStepMs; cycle++)
                {
                    clock.set(lastStepMs + RemoteWriteExporter.GRACE_MS);
                    exporter.doWork();
                }
                assertEquals(lastStepMs, exporter.ackedUntilMs());
                assertTrue(readsUntilCommit.get() < 0, "the commit landed");
                final List<String> values = new ArrayList<>();
                for (final WriteRequest request : receiver.accepted())
                {
                    for (final TimeSeries t : request.getTimeseriesList())
                    {
                        if (FakeReceiver.name(t).startsWith("dspex_variable_read_total"))
                        {
                            t.getSamplesList().forEach(p -> values.add(p.getValue() + " @" + (p.getTimestamp() - T0)));
                        }
                    }
                }
                exporter.close();
                return values;
            }
        }
    }

    @Test
    void closeOfAnEngineWithRemoteWriteDeliversEverythingPublishedBeforeIt(@TempDir final Path dir) throws Exception
    {
        try (FakeReceiver receiver = new FakeReceiver())
        {
            final ManualClock clock = new ManualClock(T0);
            final EngineConfig base = EngineConfig.defaults().withEngine(
                b -> b.dataDirectory(dir).resourceSamplingInterval(Duration.ZERO).storeEntries(100_000));
            final EngineConfig config = base.withExport(base.export().withRemoteWrite(
                RemoteWriteSettings.DEFAULT.enabledAt(receiver.url()).withExternalLabels(Map.of("instance", "n1"))));
            long total = 0;
            try (AnalyticsEngine engine = AnalyticsEngine.start(config, clock))
            {
                for (int i = 1; i <= 40; i++)
                {
                    clock.set(T0 + i * 1_000L);
                    engine.counter("variable_read").add(i);
                    total += i;
                }
                clock.set(T0 + 40_500);
                assertEquals(0, engine.selfMetric(SelfMetric.REMOTE_WRITE_FAILED_ATTEMPTS));
            }
            final List<WriteRequest> accepted = receiver.accepted();
            final WriteRequest last = accepted.get(accepted.size() - 1);
            final TimeSeries counter = last.getTimeseriesList().stream()
                .filter(t -> FakeReceiver.name(t).startsWith("dspex_variable_read_total")).findFirst().orElseThrow();
            assertEquals(total, counter.getSamples(counter.getSamplesCount() - 1).getValue(),
                "the last sample carries every event");
            assertEquals(T0 + 41_000, counter.getSamples(counter.getSamplesCount() - 1).getTimestamp(),
                "at the end of the raw bucket holding the clock's time");
        }
    }
}

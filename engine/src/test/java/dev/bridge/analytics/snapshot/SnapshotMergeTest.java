package dev.bridge.analytics.snapshot;

import dev.bridge.analytics.AnalyticsEngine;
import dev.bridge.analytics.AnalyticsReader;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.testing.ManualClock;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.query.PercentileResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.bridge.analytics.snapshot.SameAnswers.between;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Nodes A and B each see part of {@link SplitWorkload}, the reference engine C all of it: the merge of A's and B's
 * snapshots must answer every query exactly as C does.
 */
class SnapshotMergeTest
{
    @TempDir
    static Path dir;
    private static final ManualClock CLOCK = new ManualClock(SplitWorkload.T0);
    private static AnalyticsEngine a;
    private static AnalyticsEngine b;
    private static AnalyticsEngine c;
    private static Path snapA;
    private static Path snapB;

    @BeforeAll
    static void recordTheWorkload()
    {
        a = AnalyticsEngine.start(SplitWorkload.config(dir.resolve("a")), CLOCK);
        b = AnalyticsEngine.start(SplitWorkload.config(dir.resolve("b")), CLOCK);
        c = AnalyticsEngine.start(SplitWorkload.config(dir.resolve("c")), CLOCK);
        SplitWorkload.run(CLOCK, a, b, c);
        snapA = dir.resolve("a.snap");
        snapB = dir.resolve("b.snap");
        a.queries().writeSnapshot(TimeRange.ALL, snapA);
        b.queries().writeSnapshot(TimeRange.ALL, snapB);
    }

    @AfterAll
    static void closeEngines()
    {
        for (final AnalyticsEngine engine : new AnalyticsEngine[]{ a, b, c })
        {
            if (engine != null)
            {
                engine.close();
            }
        }
    }

    @Test
    void shouldAnswerOverTheMergeOfTwoNodesAsOneEngineThatSawAllTheirEvents()
    {
        try (AnalyticsReader merged = AnalyticsReader.openMerged(config(), List.of(snapA, snapB), CLOCK))
        {
            SameAnswers.assertSame(c.queries(), merged.queries());
            assertEquals(keys(c), merged.queries().series().stream().map(s -> s.key()).collect(Collectors.toSet()));
        }
    }

    @Test
    void shouldAnswerPercentilesExactlyWhereEveryMergedBucketKeptItsSamples()
    {
        try (AnalyticsReader merged = AnalyticsReader.openMerged(config(), List.of(snapA, snapB), CLOCK))
        {
            final PercentileResult exact = merged.queries().percentiles(
                "job_duration_ms", Map.of("queue", "a"), between(0, 3), SameAnswers.PERCENTILES);
            assertEquals(PercentileResult.EXACT_MODE, exact.mode());
            assertEquals(48, exact.count()); // 8 + 8 in each of three buckets: 16 of a 20-value window
            assertEquals(PercentileResult.EXACT_MODE, merged.queries().percentiles(
                "optimization_duration_ms", Map.of(), SameAnswers.between(0, 120), 0.5).mode());
        }
    }

    @Test
    void shouldFallBackToTheHistogramWhereTheMergedBucketsOverflowTheWindow()
    {
        try (AnalyticsReader merged = AnalyticsReader.openMerged(config(), List.of(snapA, snapB), CLOCK))
        {
            // at 61 s: 15 + 8 values, each part within the window, together past it; at 90 s: part 1 alone is past it
            for (final TimeRange range : List.of(between(61, 62), between(90, 91)))
            {
                final PercentileResult merge = merged.queries().percentiles(
                    "job_duration_ms", Map.of("queue", "a"), range, SameAnswers.PERCENTILES);
                assertEquals(PercentileResult.HISTOGRAM_MODE, merge.mode(), range.toString());
                assertEquals(c.queries().percentiles("job_duration_ms", Map.of("queue", "a"), range,
                    SameAnswers.PERCENTILES), merge, range.toString());
            }
            assertEquals(23, merged.queries().stats("job_duration_ms", Map.of("queue", "a"), between(61, 62)).count());
        }
    }

    @Test
    void shouldEqualTheSourceEngineWhenMergingOneFile()
    {
        final Path snapC = dir.resolve("c.snap");
        c.queries().writeSnapshot(TimeRange.ALL, snapC);
        try (AnalyticsReader merged = AnalyticsReader.openMerged(config(), List.of(snapC), CLOCK))
        {
            SameAnswers.assertSame(c.queries(), merged.queries());
        }
    }

    @Test
    void shouldTakeTheLastValueOfTheLastFileGiven()
    {
        try (AnalyticsReader forward = AnalyticsReader.openMerged(config(), List.of(snapA, snapB), CLOCK);
             AnalyticsReader backward = AnalyticsReader.openMerged(config(), List.of(snapB, snapA), CLOCK))
        {
            final TimeRange range = between(0, 3);
            final Stats fromA = a.queries().stats("active_sessions", range);
            final Stats fromB = b.queries().stats("active_sessions", range);
            assertNotEquals(fromA.last(), fromB.last());
            assertEquals(fromB.last(), forward.queries().stats("active_sessions", range).last());
            assertEquals(fromA.last(), backward.queries().stats("active_sessions", range).last());
            assertEquals(c.queries().stats("active_sessions", range), forward.queries().stats("active_sessions", range));
        }
    }

    @Test
    void shouldWriteOnlyTheBucketsOverlappingTheRange() throws IOException
    {
        final Path snap = dir.resolve("c-minute-1.snap");
        final SnapshotSummary summary = c.queries().writeSnapshot(between(60, 62), snap);

        // each of the 21 series with data: raw buckets at 60 s and 61 s, the minute from 60 s, the hour
        final int series = keys(c).size();
        assertEquals(21, series);
        assertEquals(new SnapshotSummary(snap, series, 4L * series, Files.size(snap),
            SplitWorkload.T0 + 60_000, SplitWorkload.T0 + 62_000), summary);
        assertFalse(Files.exists(dir.resolve("c-minute-1.snap.tmp")));
        assertEquals("{\"format\":\"bridge-analytics-snapshot\",\"version\":1,\"created_ms\":" + SplitWorkload.NOW +
            ",\"range\":{\"start_ms\":" + (SplitWorkload.T0 + 60_000) + ",\"end_ms\":" + (SplitWorkload.T0 + 62_000) +
            "},\"resolutions_ms\":[1000,60000,3600000],\"series\":[", Files.readAllLines(snap).get(0));
        try (AnalyticsReader merged = AnalyticsReader.openMerged(config(), List.of(snap), CLOCK))
        {
            assertEquals(c.queries().stats("read_latency_us", between(60, 62)),
                merged.queries().stats("read_latency_us", between(60, 62)));
            assertEquals(c.queries().stats("read_latency_us", between(60, 120)),
                merged.queries().stats("read_latency_us", between(60, 120)));
            assertEquals(Stats.EMPTY, merged.queries().stats("read_latency_us", between(0, 60)));
        }
    }

    @Test
    void shouldRemoveTheMergedStoreOnClose() throws IOException
    {
        final Set<Path> before = mergeDirectories();
        final AnalyticsReader merged = AnalyticsReader.openMerged(config(), List.of(snapA, snapB), CLOCK);
        assertEquals(before.size() + 1, mergeDirectories().size());
        merged.close();
        assertEquals(before, mergeDirectories());
    }

    private static Set<Path> mergeDirectories() throws IOException
    {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir"))))
        {
            return files.filter(p -> p.getFileName().toString().startsWith("bridge-analytics-merge-"))
                .collect(Collectors.toSet());
        }
    }

    /** @return the keys of the engine's series that hold data (its own engine_* series are registered empty). */
    private static Set<String> keys(final AnalyticsEngine engine)
    {
        return engine.queries().series().stream()
            .filter(s -> engine.queries().stats(s.metric().name(), s.labels(), TimeRange.ALL).count() > 0)
            .map(s -> s.key()).collect(Collectors.toSet());
    }

    private static EngineConfig config()
    {
        return SplitWorkload.config(dir.resolve("merged-config-unused"));
    }
}

package dev.bridge.analytics.snapshot;

import dev.bridge.analytics.AnalyticsReader;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.query.PercentileResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Malformed snapshot files: each is rejected with the file, line:column, field and problem; nothing is merged. */
class SnapshotErrorsTest
{
    /** The histogram of 10 and 20 in optimization_duration_ms' layout (1 .. 3600000, 3 digits), V2 encoded. */
    private static final String HISTOGRAM = "HISTEwAAAAQAAAAAAAAAAwAAAAAAAAABAAAAAAA27oA/8AAAAAAAABMCEQI=";
    /** A valid snapshot of the default catalog, as SnapshotWriter lays it out: one series or bucket per line. */
    private static final List<String> VALID = List.of(
        "{\"format\":\"bridge-analytics-snapshot\",\"version\":1,\"created_ms\":1700000040000,\"range\":{\"start_ms\":" +
            "1697407200000,\"end_ms\":1700006400000},\"resolutions_ms\":[1000,60000,3600000],\"series\":[",
        "{\"key\":\"variable_read\",\"metric\":\"variable_read\",\"labels\":{},\"buckets\":[",
        "{\"resolution\":0,\"start_sec\":1700000040,\"count\":1,\"sum\":5,\"min\":5,\"max\":5,\"sum_squares\":25.0,\"last\":5}]},",
        "{\"key\":\"optimization_duration_ms\",\"metric\":\"optimization_duration_ms\",\"labels\":{},\"buckets\":[",
        "{\"resolution\":0,\"start_sec\":1700000040,\"count\":2,\"sum\":30,\"min\":10,\"max\":20,\"sum_squares\":500.0," +
            "\"last\":20,\"histogram\":\"" + HISTOGRAM + "\",\"samples\":{\"total\":2,\"values\":[10,20]}},",
        "{\"resolution\":1,\"start_sec\":1700000040,\"count\":2,\"sum\":30,\"min\":10,\"max\":20,\"sum_squares\":500.0," +
            "\"last\":20,\"histogram\":\"" + HISTOGRAM + "\"}]},",
        "{\"key\":\"operation_error\\u001Foperation=read\",\"metric\":\"operation_error\",\"labels\":{\"operation\":\"read\"}," +
            "\"buckets\":[",
        "{\"resolution\":0,\"start_sec\":1700000040,\"count\":1,\"sum\":2,\"min\":2,\"max\":2,\"sum_squares\":4.0,\"last\":2}]}]}");

    @TempDir
    Path dir;

    static Stream<Arguments> malformedFiles()
    {
        return Stream.of(
            Arguments.of("empty", "",
                ":1:1: not a snapshot: the file is empty"),
            Arguments.of("not JSON", "hello, world",
                ":1:1: not valid JSON: Unrecognized token 'hello': was expecting (JSON String, Number, Array, Object or " +
                    "token 'null', 'true' or 'false')"),
            Arguments.of("not an object", "[1, 2]",
                ":1:1: not a snapshot: expected a JSON object, found an array"),
            Arguments.of("truncated", String.join("\n", VALID).substring(0, 900),
                ":7:39: series[2].key: truncated: the file ends before the snapshot does"),
            Arguments.of("wrong format", edit(0, "\"format\":\"bridge-analytics-snapshot\"", "\"format\":\"csv\""),
                ":1:11: format: not a snapshot: format is 'csv', expected 'bridge-analytics-snapshot'"),
            Arguments.of("wrong version", edit(0, "\"version\":1", "\"version\":2"),
                ":1:49: version: unsupported version 2 (this build reads version 1)"),
            Arguments.of("other resolutions", edit(0, "[1000,60000,3600000]", "[1000,60000]"),
                ":1:153: resolutions_ms: [1000, 60000] differ from the configuration's [1000, 60000, 3600000]"),
            Arguments.of("missing field", edit(2, "\"count\":1,", ""),
                ":3:1: series[0].buckets[0].count: missing"),
            Arguments.of("missing header field", edit(0, "\"created_ms\":1700000040000,", ""),
                ":1:1: created_ms: missing"),
            Arguments.of("string for an integer", edit(7, "\"count\":1", "\"count\":\"1\""),
                ":8:48: series[2].buckets[0].count: expected an integer, found a string"),
            Arguments.of("decimal for an integer", edit(2, "\"sum\":5", "\"sum\":5.5"),
                ":3:56: series[0].buckets[0].sum: expected an integer, found a decimal number"),
            Arguments.of("integer out of range", edit(2, "\"sum\":5", "\"sum\":99999999999999999999"),
                ":3:56: series[0].buckets[0].sum: out of range for a 64-bit integer: 99999999999999999999"),
            Arguments.of("bad base64", edit(4, HISTOGRAM, "not base64!"),
                ":5:119: series[1].buckets[0].histogram: not base64"),
            Arguments.of("histogram too short", edit(4, HISTOGRAM, "AAAA"),
                ":5:119: series[1].buckets[0].histogram: does not decode: 3 bytes, shorter than the 40-byte header of " +
                    "an HdrHistogram V2 encoding"),
            Arguments.of("compressed histogram", edit(4, HISTOGRAM, compressed()),
                ":5:119: series[1].buckets[0].histogram: does not decode: not an uncompressed HdrHistogram V2 encoding " +
                    "(cookie 0x1c849314)"),
            Arguments.of("histogram cut", edit(4, HISTOGRAM, cut()),
                ":5:119: series[1].buckets[0].histogram: does not decode: the header gives a payload of 4 bytes, 2 " +
                    "follow it"),
            Arguments.of("histogram of another layout", edit(5, HISTOGRAM, twoDigits()),
                ":6:119: series[1].buckets[1].histogram: layout (lowest 1, highest 3600000, 2 significant digits) " +
                    "differs from metric 'optimization_duration_ms' (lowest 1, highest 3600000, 3 significant digits)"),
            Arguments.of("histogram of a counter", edit(2, "\"last\":5}", "\"last\":5,\"histogram\":\"" + HISTOGRAM + "\"}"),
                ":3:114: series[0].buckets[0].histogram: metric 'variable_read' is a counter: only histograms have one"),
            Arguments.of("unknown metric", edit(1, "{\"key\":\"variable_read\",\"metric\":\"variable_read\"",
                    "{\"key\":\"variable_reads\",\"metric\":\"variable_reads\""),
                ":2:34: series[0].metric: unknown metric 'variable_reads': not in the configuration's catalog"),
            Arguments.of("key of other labels", edit(6, "operation=read", "operation=write"),
                ":7:8: series[2].key: 'operation_error,operation=write' is not the key of its metric and labels " +
                    "('operation_error,operation=read')"),
            Arguments.of("undeclared label", edit(6, "{\"operation\":\"read\"}", "{\"op\":\"read\"}"),
                ":7:82: series[2].labels: labels [op] are not those of metric 'operation_error' [operation]"),
            Arguments.of("start off the grid", edit(5, "\"start_sec\":1700000040", "\"start_sec\":1700000041"),
                ":6:29: series[1].buckets[1].start_sec: 1700000041 is not the start of a 60 s bucket (resolution 1)"),
            Arguments.of("unknown resolution", edit(5, "\"resolution\":1", "\"resolution\":3"),
                ":6:15: series[1].buckets[1].resolution: 3 is not a resolution index (0..2)"),
            Arguments.of("partial samples", edit(4, "\"total\":2,\"values\":[10,20]", "\"total\":3,\"values\":[10,20]"),
                ":5:192: series[1].buckets[0].samples: total 3 with 2 values: a bucket keeps all its values (at most " +
                    "100000) or none"),
            Arguments.of("duplicate field", edit(2, "\"sum\":5,", "\"sum\":5,\"sum\":6,"),
                ":3:63: series[0].buckets[0].sum: not valid JSON: Duplicate field 'sum'"),
            Arguments.of("content after the snapshot", String.join("\n", VALID) + "\n{}",
                ":9:1: unexpected content after the snapshot"),
            Arguments.of("min above max", edit(4, "\"min\":10,\"max\":20", "\"min\":5000000,\"max\":3"),
                ":5:65: series[1].buckets[0].min: min 5000000 is greater than max 3"),
            Arguments.of("negative sum of squares", edit(2, "\"sum_squares\":25.0", "\"sum_squares\":-25.0"),
                ":3:88: series[0].buckets[0].sum_squares: must be a finite number >= 0, was -25.0"),
            Arguments.of("infinite sum of squares", edit(2, "\"sum_squares\":25.0", "\"sum_squares\":1e999"),
                ":3:88: series[0].buckets[0].sum_squares: must be a finite number >= 0, was Infinity"),
            Arguments.of("sum of squares below sum^2 / count", edit(4, "\"sum_squares\":500.0", "\"sum_squares\":449.0"),
                ":5:91: series[1].buckets[0].sum_squares: sum of squares 449.0 is outside [sum^2 / count, count x " +
                    "max(min^2, max^2)] = [450.0, 800.0]"),
            Arguments.of("sum of squares above count x max^2", edit(4, "\"sum_squares\":500.0", "\"sum_squares\":801.0"),
                ":5:91: series[1].buckets[0].sum_squares: sum of squares 801.0 is outside [sum^2 / count, count x " +
                    "max(min^2, max^2)] = [450.0, 800.0]"),
            Arguments.of("sum outside count x [min, max]", edit(2, "\"sum\":5,", "\"sum\":6,"),
                ":3:56: series[0].buckets[0].sum: sum 6 is outside [count x min, count x max] = [5, 5] (count 1, min 5, " +
                    "max 5)"),
            Arguments.of("histogram of another count", edit(5, "\"count\":2,\"sum\":30", "\"count\":3,\"sum\":45"),
                ":6:119: series[1].buckets[1].histogram: holds 2 values, the bucket's count is 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFiles")
    void shouldRejectAMalformedFileNamingTheLineColumnAndField(
        final String name, final String text, final String expected) throws IOException
    {
        final Path file = write("node-a.snap", text);

        final SnapshotException ex = assertThrows(SnapshotException.class, () -> open(file));

        assertEquals(file + expected, ex.getMessage());
        assertEquals(1, ex.rejectedFiles());
    }

    @Test
    void shouldMergeTheValidFixture() throws IOException
    {
        try (AnalyticsReader merged = AnalyticsReader.openMerged(EngineConfig.defaults(),
            List.of(write("node-a.snap", String.join("\n", VALID))), () -> 1_700_000_041_000L))
        {
            final TimeRange second = TimeRange.between(
                Instant.ofEpochMilli(1_700_000_040_000L), Instant.ofEpochMilli(1_700_000_041_000L));
            assertEquals(new Stats(2, 30, 15.0, 10L, 20L, 5.0, 20L),
                merged.queries().stats("optimization_duration_ms", second));
            assertEquals(new PercentileResult(2, Map.of(0.5, 10L), PercentileResult.EXACT_MODE, 0.0),
                merged.queries().percentiles("optimization_duration_ms", Map.of(), second, 0.5));
        }
    }

    @Test
    void shouldSaturateASumMergedFromSeveralFilesAtTheBound() throws IOException
    {
        final String huge = "\"count\":1,\"sum\":5000000000000000000,\"min\":5000000000000000000," +
            "\"max\":5000000000000000000,\"sum_squares\":2.5E37,\"last\":5000000000000000000";
        final String text = edit(2, "\"count\":1,\"sum\":5,\"min\":5,\"max\":5,\"sum_squares\":25.0,\"last\":5", huge);
        try (AnalyticsReader merged = AnalyticsReader.openMerged(EngineConfig.defaults(),
            List.of(write("node-a.snap", text), write("node-b.snap", text)), () -> 1_700_000_041_000L))
        {
            final TimeRange second = TimeRange.between(
                Instant.ofEpochMilli(1_700_000_040_000L), Instant.ofEpochMilli(1_700_000_041_000L));
            final Stats stats = merged.queries().stats("variable_read", second);
            assertEquals(2, stats.count());
            assertEquals(Long.MAX_VALUE, stats.sum());
        }
    }

    @Test
    void shouldRejectEveryBadFileAtOnceAndCountThem() throws IOException
    {
        final Path good = write("good.snap", String.join("\n", VALID));
        final Path empty = write("empty.snap", "");
        final Path missing = dir.resolve("missing.snap");
        final Set<Path> before = mergeDirectories();

        final SnapshotException ex = assertThrows(SnapshotException.class, () ->
            AnalyticsReader.openMerged(EngineConfig.defaults(), List.of(good, empty, missing)));

        assertEquals(empty + ":1:1: not a snapshot: the file is empty" + System.lineSeparator() +
            missing + ": cannot read: no such file", ex.getMessage());
        assertEquals(2, ex.rejectedFiles());
        assertEquals(before, mergeDirectories()); // rejected before a store was created
    }

    @Test
    void shouldRejectSeriesOfAMetricTheCatalogLacks() throws IOException
    {
        final EngineConfig withoutErrors = new EngineConfig("test", EngineConfig.defaults().engine(),
            EngineConfig.defaults().metrics().stream().filter(m -> !m.name().equals("operation_error")).toList());
        final Path file = write("node-b.snap", String.join("\n", VALID));

        final SnapshotException ex = assertThrows(SnapshotException.class, () ->
            AnalyticsReader.openMerged(withoutErrors, List.of(file)));

        assertEquals(file + ":7:55: series[2].metric: unknown metric 'operation_error': not in the configuration's catalog",
            ex.getMessage());
    }

    private AnalyticsReader open(final Path file)
    {
        return AnalyticsReader.openMerged(EngineConfig.defaults(), List.of(file));
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Set<Path> mergeDirectories() throws IOException
    {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir"))))
        {
            return files.filter(p -> p.getFileName().toString().startsWith("bridge-analytics-merge-"))
                .collect(Collectors.toSet());
        }
    }

    /** @return the valid fixture with {@code from} replaced by {@code to} on line {@code line} (0-based). */
    private static String edit(final int line, final String from, final String to)
    {
        final String[] lines = VALID.toArray(new String[0]);
        if (!lines[line].contains(from))
        {
            throw new IllegalArgumentException(from + " is not on line " + line);
        }
        lines[line] = lines[line].replace(from, to);
        return String.join("\n", lines);
    }

    private static Histogram tenAndTwenty(final int digits)
    {
        final Histogram histogram = new Histogram(1, 3_600_000, digits);
        histogram.recordValue(10);
        histogram.recordValue(20);
        return histogram;
    }

    private static String twoDigits()
    {
        final Histogram histogram = tenAndTwenty(2);
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    private static String compressed()
    {
        final Histogram histogram = tenAndTwenty(3);
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /** @return the fixture's histogram without its last two payload bytes. */
    private static String cut()
    {
        final byte[] bytes = Base64.getDecoder().decode(HISTOGRAM);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, bytes.length - 2));
    }
}

package dev.bridge.analytics.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The out-of-range values of issue 13 (which crashed with ArithmeticException, OutOfMemoryError or a 133 GB file, or
 * were accepted) are refused at their position with the range; nesting and size limits give one line.
 */
class ConfigBoundsTest
{
    private static final String METRIC = "metrics:\n  m:\n    type: counter\n    unit: operations\n    help: m\n";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "long_term_retention: 99999999999999d  | 2:24: engine.long_term_retention: long_term_retention must be in 1s..3650d, was 99999999999999d",
        "tick_interval: 106751991167d          | 2:18: engine.tick_interval: tick_interval must be in 1ms..1h, was 106751991167d",
        "commit_interval: 9223372036854775807ms | 2:20: engine.commit_interval: commit_interval must be in 1ms..1h, was 9223372036854775807ms",
        "raw_retention: 36500d                 | 2:18: engine.raw_retention: raw_retention must be in 1s..3650d, was 36500d",
        "ring_size: 1073741824                 | 2:14: engine.ring_size: ring_size must be a power of two in 64..4194304, was 1073741824 (a ring of 1073741824 slots takes about 52 GB of heap)",
        "producer_ring_size: 1073741824        | 2:23: engine.producer_ring_size: producer_ring_size must be a power of two in 64..1048576, was 1073741824 (a per-thread ring of 1073741824 slots takes about 52 GB of heap)",
        "store_entries: 2000000000             | 2:18: engine.store_entries: store_entries must be in 1..100000000, was 2000000000 (the store files would take up to 597 GB, allocated up front)",
        "raw_retention: 30d                    | 2:18: engine.raw_retention: raw_retention (30d) keeps 2592000 buckets of raw_resolution (1s) per series, more than store_entries (600000) holds in all: shorten raw_retention, widen raw_resolution or raise store_entries",
        "tick_interval: 99999999999999999999d  | 2:18: engine.tick_interval: duration '99999999999999999999d' is out of range",
    })
    void shouldRefuseAnOutOfRangeEngineValueAtItsPosition(final String line, final String expected)
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> EngineConfig.parse("engine:\n  " + line + "\n" + METRIC, "x.yaml"));

        assertEquals("x.yaml:" + expected, ex.getMessage());
    }

    @Test
    void shouldRefuseAHistogramThatWouldTakeTooMuchMemory()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> EngineConfig.parse(
            "metrics:\n  h:\n    type: histogram\n    unit: nanoseconds\n    help: h\n" +
                "    histogram: { lowest: 1, highest: 3600000000000, significant_digits: 5 }\n", "x.yaml"));

        assertEquals("x.yaml:6:38: metrics.h.histogram.highest: highest (3600000000000) with significant_digits (5) " +
            "makes each histogram take 26 MB, more than 4 MB: lower highest or significant_digits, or raise lowest",
            ex.getMessage());
    }

    @Test
    void shouldRefuseAFlowListNested5000DeepInOneLine()
    {
        final String yaml = "engine:\n  ring_size: 65536\nmetrics:\n  x: " + "[".repeat(5000) + "]".repeat(5000) + "\n";

        final ConfigException ex = assertThrows(ConfigException.class, () -> EngineConfig.parse(yaml, "deep.yaml"));

        assertEquals("nested deeper than 32 levels: a configuration needs at most 7", ex.problem());
        assertEquals(4, ex.line());
        assertEquals(1, ex.getMessage().lines().count());
    }

    @Test
    void shouldRefuseAFileLargerThanTheLimitBeforeReadingIt() throws IOException
    {
        final Path file = dir.resolve("huge.yaml");
        Files.writeString(file, "# " + "x".repeat(YamlLimits.MAX_CHARS) + "\n");

        final ConfigException ex = assertThrows(ConfigException.class, () -> EngineConfig.load(file));

        assertEquals(file + ": the file is 4194307 bytes long, more than the 4194304 a configuration may have " +
            "(the bundled one is about 25,000)", ex.getMessage());
    }

    @Test
    void shouldRefuseARangeFromJavaAsFromTheFile()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> EngineSettings.builder().ringSize(1 << 30).build());

        assertEquals("ring_size must be a power of two in 64..4194304, was 1073741824 (a ring of 1073741824 slots " +
            "takes about 52 GB of heap)", ex.getMessage());
    }

    @Test
    void shouldDeclareARangeForEveryNumericAndDurationKeyOfTheFile()
    {
        for (final Class<?> dto : ConfigDto.class.getDeclaredClasses())
        {
            for (final Field f : dto.getDeclaredFields())
            {
                final Class<?> t = f.getType();
                if (t == Integer.class || t == Long.class || t == Duration.class)
                {
                    final String name = f.getName().equals("forDuration") ? "for" :
                        f.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
                    assertEquals(true, ConfigRanges.ALL.stream().anyMatch(r -> r.name().equals(name)),
                        dto.getSimpleName() + "." + f.getName() + " (" + name + ") has no range");
                }
            }
        }
    }
}

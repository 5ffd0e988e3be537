package dev.bridge.analytics.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checks vocabulary: each error keyed by its YAML path and placed from the parsed document, never from a message. */
class ChecksTest
{
    private static final String YAML = """
        engine:
          raw_resolution: 2s
        export:
          remote_write:
            min_backoff: 2s
        """;

    private static Checks checks() throws ConfigException
    {
        return new Checks(YamlPositions.scan(YAML, "x.yaml"));
    }

    @Test
    void shouldPlaceARefusalAtTheFirstOfItsKeysThatTheFileHas() throws ConfigException
    {
        final ConfigException e = assertThrows(ConfigException.class, () -> checks().build("export.remote_write",
            () -> { throw new InvalidSettingException("max_backoff must be >= min_backoff (2s), was 1s",
                "max_backoff", "min_backoff"); }));
        assertEquals("x.yaml:5:18: export.remote_write.min_backoff: max_backoff must be >= min_backoff (2s), was 1s",
            e.getMessage());
    }

    @Test
    void shouldPlaceARefusalOfKeysTheFileLacksAtTheFirstKeysNearestEnclosingValue() throws ConfigException
    {
        final ConfigException e = assertThrows(ConfigException.class, () -> checks().build("export.remote_write",
            () -> { throw new InvalidSettingException("timeout must be > 0, was 0s", "timeout"); }));
        assertEquals("x.yaml:5:5: export.remote_write.timeout: timeout must be > 0, was 0s", e.getMessage());
    }

    @Test
    void shouldShowTheProblemWithoutTheKeyPrefixThatTheJavaMessageHas() throws ConfigException
    {
        final InvalidSettingException refusal = InvalidSettingException.about("labels.op", "$2 refers to nothing");
        assertEquals("labels.op: $2 refers to nothing", refusal.getMessage());
        final ConfigException e = assertThrows(ConfigException.class,
            () -> checks().build("engine", () -> { throw refusal; }));
        assertEquals("x.yaml:2:3: engine.labels.op: $2 refers to nothing", e.getMessage());
    }

    @Test
    void shouldPlaceAnyOtherIllegalArgumentAtThePathItself() throws ConfigException
    {
        final ConfigException e = assertThrows(ConfigException.class,
            () -> checks().build("engine.raw_resolution", () -> { throw new IllegalArgumentException("no"); }));
        assertEquals("x.yaml:2:19: engine.raw_resolution: no", e.getMessage());
    }

    @Test
    void shouldReturnWhatTheRecordBuilds() throws ConfigException
    {
        final Object built = new Object();
        assertSame(built, checks().build("engine", () -> built));
    }

    @Test
    void shouldPlaceAMissingKeyAtItsParentsKey() throws ConfigException
    {
        assertEquals("x.yaml:4:3: export.remote_write.url: missing required key 'url' (where to push)",
            checks().missing("export.remote_write", "url", "where to push").getMessage());
    }

    @Test
    void shouldRefuseNonPositiveAndFractionalDurationsByTheirLastKey() throws ConfigException
    {
        final Checks checks = checks();
        assertEquals(Duration.ofSeconds(7), checks.positive("engine.tick_interval", null, Duration.ofSeconds(7)));
        assertEquals("x.yaml:2:19: engine.raw_resolution: raw_resolution must be > 0, was 0s",
            assertThrows(ConfigException.class,
                () -> checks.positive("engine.raw_resolution", Duration.ZERO, Duration.ofSeconds(1))).getMessage());
        assertEquals("x.yaml:2:19: engine.raw_resolution: raw_resolution must be a whole number of seconds, was 1500ms",
            assertThrows(ConfigException.class,
                () -> checks.wholeSeconds("engine.raw_resolution", Duration.ofMillis(1500), null)).getMessage());
    }

    @Test
    void shouldNameTheKnownMetricsOrSuggestTheNearestOne() throws ConfigException
    {
        final MetricDefinition reads = new MetricDefinition("variable_read", MetricType.COUNTER, "operations", "r",
            List.of(), null);
        final Map<String, MetricDefinition> catalog = Map.of("variable_read", reads);
        final Checks checks = checks();
        assertSame(reads, checks.metric("engine.raw_resolution", "variable_read", catalog));
        assertEquals("x.yaml:2:19: engine.raw_resolution: unknown metric 'variable_reed'; known metrics: variable_read",
            assertThrows(ConfigException.class,
                () -> checks.metric("engine.raw_resolution", "variable_reed", catalog)).getMessage());
        assertEquals("x.yaml:2:19: engine.raw_resolution: unknown metric 'variable_reed' (did you mean " +
                "'variable_read'?); the catalog has variable_read",
            assertThrows(ConfigException.class,
                () -> checks.suggestedMetric("engine.raw_resolution", "variable_reed", catalog)).getMessage());
    }

    @Test
    void shouldSuggestOnlyNamesWithinThreeEdits()
    {
        assertEquals(" (did you mean 'mappings'?)", Checks.didYouMean("mapings", List.of("port", "mappings")));
        assertEquals("", Checks.didYouMean("abcdefg", List.of("port", "mappings")));
        assertNull(NameSuggestions.nearest("abcd", List.of("wxyz"), 4));
        assertEquals("wxyz", NameSuggestions.nearest("abcd", List.of("wxyz"), 5));
        assertEquals(List.of("cache_hit", "cache_hits"),
            NameSuggestions.near("cache_hti", List.of("cache_hits", "cache_miss", "cache_hit"), 3, 2));
    }
}

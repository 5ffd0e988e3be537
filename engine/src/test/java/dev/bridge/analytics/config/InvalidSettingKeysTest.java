package dev.bridge.analytics.config;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A settings record that refuses a value (built from Java, as embedders and the builders do) names the YAML keys of
 * its section the rule is about, so that {@link Checks} can place a file's error without reading the message.
 */
class InvalidSettingKeysTest
{
    static Stream<Arguments> refusals()
    {
        final Duration s1 = Duration.ofSeconds(1);
        return Stream.of(
            refusal(ConfigDto.Engine.class, List.of("ring_size"), () -> EngineSettings.builder().ringSize(3).build()),
            refusal(ConfigDto.Engine.class, List.of("long_term_interval", "aggregation_interval"),
                () -> EngineSettings.builder().longTermInterval(Duration.ofSeconds(90)).build()),
            refusal(ConfigDto.Engine.class, List.of("raw_retention", "raw_resolution"),
                () -> EngineSettings.builder().rawResolution(Duration.ofSeconds(2)).aggregationInterval(
                    Duration.ofSeconds(60)).rawRetention(s1).build()),
            refusal(ConfigDto.Http.class, List.of("bind"), () -> new HttpSettings(" ", 9464, null, 8192)),
            refusal(ConfigDto.Http.class, List.of("bearer_token"), () -> new HttpSettings("127.0.0.1", 9464, " ", 8192)),
            refusal(ConfigDto.RemoteWrite.class, List.of("url"),
                () -> RemoteWriteSettings.DEFAULT.enabledAt(URI.create("ftp://host/"))),
            refusal(ConfigDto.RemoteWrite.class, List.of("external_labels"),
                () -> RemoteWriteSettings.DEFAULT.withExternalLabels(Map.of("__x", "v"))),
            refusal(ConfigDto.Histogram.class, List.of("highest", "lowest"), () -> new HistogramSpec(1, 1, 3)),
            refusal(ConfigDto.Histogram.class, List.of("significant_digits"), () -> new HistogramSpec(1, 100, 7)),
            refusal(ConfigDto.Statsd.class, List.of("host"),
                () -> new StatsdPushSettings(false, " ", 8125, Duration.ofSeconds(10), StatsdFlavour.ETSY, 1432)),
            refusal(ConfigDto.Listener.class, List.of("port"), () -> StatsdListenerSettings.DEFAULT.withPort(70000)),
            refusal(ConfigDto.Receiver.class, List.of("timeout"),
                () -> new WebhookSettings(URI.create("http://host/"), Duration.ZERO, 3, s1, 1000, true)),
            refusal(ConfigDto.Export.class, List.of("prefix"), () -> new ExportSettings("1x", List.of(), Map.of(),
                StatsdPushSettings.DEFAULT, RemoteWriteSettings.DEFAULT)),
            refusal(ConfigDto.Mapping.class, List.of("metric"), () -> StatsdMapping.glob("a.*", "x_$2")),
            refusal(ConfigDto.Mapping.class, List.of("labels.op"),
                () -> new StatsdMapping("a.*", StatsdMatchType.GLOB, "x", Map.of("op", "$3"))),
            refusal(ConfigDto.AutoRegister.class, List.of("counter"),
                () -> new StatsdAutoRegister("Bad", "g", "t", "h", "s")),
            refusal(ConfigDto.TelemetryEvent.class, List.of("event"),
                () -> new TelemetryEventMapping("A-b", "d", null, List.of(), List.of())));
    }

    private static Arguments refusal(final Class<?> section, final List<String> keys, final Executable build)
    {
        return Arguments.of(section.getSimpleName() + " " + keys, section, keys, build);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void shouldNameKeysOfItsYamlSectionWhenARecordRefusesAValue(
        final String name, final Class<?> section, final List<String> keys, final Executable build)
    {
        final InvalidSettingException refusal = assertThrows(InvalidSettingException.class, build);
        assertEquals(keys, refusal.keys());
        final List<String> sectionKeys = ConfigBinder.keysOf(section);
        for (final String key : refusal.keys())
        {
            final String first = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            assertTrue(sectionKeys.contains(first), key + " is not a key of " + sectionKeys);
        }
    }
}

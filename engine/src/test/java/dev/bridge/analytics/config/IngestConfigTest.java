package dev.bridge.analytics.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code statsd:} and {@code telemetry:} sections: defaults, values, and errors placed at file, line and field. */
class IngestConfigTest
{
    private static final String CATALOG = TestCatalogs.READ_LATENCY + """
          operation_error:
            type: counter
            unit: errors
            help: Errors.
            labels: [operation]
          active_sessions:
            type: gauge
            unit: sessions
            help: Sessions.
        """;

    @Test
    void shouldDefaultEverySettingWhenTheSectionsAreAbsent() throws ConfigException
    {
        final EngineConfig config = EngineConfig.parse(CATALOG, "x.yaml");
        assertEquals(StatsdListenerSettings.DEFAULT, config.statsd());
        assertEquals(new StatsdListenerSettings(true, "127.0.0.1", 8125, 8 << 20, 8192, List.of(),
            StatsdUnmappedPolicy.AUTO_REGISTER, StatsdAutoRegister.DEFAULT, 65536), config.statsd());
        assertEquals(TelemetrySettings.NONE, config.telemetry());
    }

    @Test
    void shouldReadEveryKey() throws ConfigException
    {
        final EngineConfig config = EngineConfig.parse("""
            statsd:
              enabled: false
              bind: 0.0.0.0
              port: 9125
              receive_buffer_bytes: 65536
              max_datagram_bytes: 1432
              name_cache_entries: 1024
              unmapped: auto_register
              auto_register: { counter: ops, gauge: levels, timer: times_us, histogram: sizes, set: members }
              mappings:
                - { match: "dspex.errors.*", metric: operation_error, labels: { operation: "$1" } }
                - { match: "(.*)", match_type: regex, metric: "${1}" }
            telemetry:
              events:
                - event: dspex.bridge.variable.read
                  measurement: duration
                  unit: nanoseconds
                  tags: [operation, session]
                  metrics:
                    - { metric: operation_error, type: counter, tags: [operation], keep: { session: s1 }, drop: { operation: x } }
                    - { metric: read_latency_us, type: distribution }
            """ + CATALOG + """
              ops: { type: counter, unit: lines, help: x, labels: [name] }
              levels: { type: gauge, unit: values, help: x, labels: [name] }
              times_us:
                type: histogram
                unit: microseconds
                help: x
                labels: [name]
                histogram: { lowest: 1, highest: 1000, significant_digits: 2 }
              sizes:
                type: histogram
                unit: bytes
                help: x
                labels: [name, host]
                histogram: { lowest: 1, highest: 1000, significant_digits: 2 }
              members: { type: gauge, unit: members, help: x, labels: [name] }
            """, "x.yaml");
        assertEquals(new StatsdListenerSettings(false, "0.0.0.0", 9125, 65536, 1432, List.of(
                new StatsdMapping("dspex.errors.*", StatsdMatchType.GLOB, "operation_error", Map.of("operation", "$1")),
                new StatsdMapping("(.*)", StatsdMatchType.REGEX, "${1}", Map.of())),
            StatsdUnmappedPolicy.AUTO_REGISTER, new StatsdAutoRegister("ops", "levels", "times_us", "sizes", "members"),
            1024), config.statsd());
        assertEquals(new TelemetrySettings(List.of(new TelemetryEventMapping("dspex.bridge.variable.read", "duration",
            "nanoseconds", List.of("operation", "session"), List.of(
                new TelemetryMetricMapping("operation_error", TelemetryMetricType.COUNTER, List.of("operation"),
                    Map.of("session", "s1"), Map.of("operation", "x")),
                new TelemetryMetricMapping("read_latency_us", TelemetryMetricType.DISTRIBUTION))))), config.telemetry());
        assertNull(config.telemetry().events().get(0).metrics().get(1).tags());
    }

    @Test
    void shouldMapTheSpecificationsThirteenEventsAndTheGrpcCallInTheBundledConfiguration()
    {
        final EngineConfig config = EngineConfig.defaults();
        assertEquals(14, config.telemetry().events().size());
        assertEquals("dspex.bridge.variable.read", config.telemetry().events().get(0).event());
        assertTrue(config.statsd().enabled());
        assertEquals(8125, config.statsd().port());
        assertEquals(StatsdUnmappedPolicy.AUTO_REGISTER, config.statsd().unmapped());
    }

    @Test
    void shouldAcceptAutoRegisterWithoutTheCatchAllMetricsInTheCatalog() throws ConfigException
    {
        // bin/analytics serve adds them (StatsdCatalog.autoRegisterMetrics); a present one is still checked
        final EngineConfig config = EngineConfig.parse("statsd:\n  unmapped: auto_register\n" + CATALOG, "x.yaml");
        assertEquals(StatsdUnmappedPolicy.AUTO_REGISTER, config.statsd().unmapped());
        assertEquals(StatsdAutoRegister.DEFAULT, config.statsd().autoRegister());
        assertTrue(config.metric("statsd_counter").isEmpty());
    }

    @Test
    void shouldConvertBetweenUnitsOfOneFamilyOnly()
    {
        assertEquals(0.001, UnitConversion.factor("nanoseconds", "microseconds"));
        assertEquals(1000.0, UnitConversion.factor("seconds", "ms"));
        assertEquals(1.0 / (1024 * 1024), UnitConversion.factor("bytes", "megabytes"));
        assertEquals(1.0, UnitConversion.factor("sessions", "sessions"));
        assertTrue(Double.isNaN(UnitConversion.factor("bytes", "seconds")));
        assertTrue(Double.isNaN(UnitConversion.factor("parsecs", "seconds")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        "statsd:\\n  port: 70000\\n"                         | x.yaml:2:9: statsd.port: port must be in 0..65535, was 70000
        "statsd:\\n  max_datagram_bytes: 100\\n"             | x.yaml:2:23: statsd.max_datagram_bytes: max_datagram_bytes must be in 512..65507, was 100
        "statsd:\\n  receive_buffer_bytes: 10\\n"            | x.yaml:2:25: statsd.receive_buffer_bytes: receive_buffer_bytes must be in 4096..268435456, was 10
        "statsd:\\n  unmapped: drop\\n"                      | x.yaml:2:13: statsd.unmapped: unknown value 'drop'; allowed: reject, auto_register
        "statsd:\\n  unmapped: auto_register\\n  auto_register: { counter: operation_error }\\n" | x.yaml:3:29: statsd.auto_register.counter: auto_register.counter metric 'operation_error' must be a counter with the label 'name'; it is a counter with labels [operation]
        "statsd:\\n  auto_register: { counter: Bad-Name }\\n" | x.yaml:2:29: statsd.auto_register.counter: counter must be a metric name ([a-z_][a-z0-9_]*), was 'Bad-Name'
        "statsd:\\n  mappings:\\n    - { metric: x }\\n"      | x.yaml:3:7: statsd.mappings[0].match: missing required key 'match' (a glob such as dspex.*.read, or a regular expression with match_type: regex)
        "statsd:\\n  mappings:\\n    - { match: a.b }\\n"     | x.yaml:3:7: statsd.mappings[0].metric: missing required key 'metric' (the catalog metric, may use captures as $1)
        "statsd:\\n  mappings:\\n    - { match: a.b, metric: nope }\\n" | x.yaml:3:29: statsd.mappings[0].metric: unknown metric 'nope'; known metrics: read_latency_us, operation_error, active_sessions
        "statsd:\\n  mappings:\\n    - { match: 'a.*', metric: operation_error, labels: { code: $1 } }\\n" | x.yaml:3:58: statsd.mappings[0].labels.code: metric 'operation_error' has no label 'code'; its labels: [operation]
        "statsd:\\n  mappings:\\n    - { match: 'a.*', metric: operation_error, labels: { operation: $2 } }\\n" | x.yaml:3:69: statsd.mappings[0].labels.operation: $2 refers to a capture the match does not have (it has 1) in '$2'
        "statsd:\\n  mappings:\\n    - { match: '(a', match_type: regex, metric: x }\\n" | x.yaml:3:16: statsd.mappings[0].match: invalid regular expression '(a': Unclosed group
        "statsd:\\n  mappings:\\n    - { match: 'a.b', match_type: fuzzy, metric: x }\\n" | x.yaml:3:35: statsd.mappings[0].match_type: unknown value 'fuzzy'; allowed: glob, regex
        "statsd:\\n  mappings:\\n    - { match: 'a.*', metric: 'x_$' }\\n" | x.yaml:3:31: statsd.mappings[0].metric: '$' must be followed by a group number ($1 or ${1}) in 'x_$'
        "statsd:\\n  mappings:\\n    - { match: a.b, metric: '' }\\n" | x.yaml:3:29: statsd.mappings[0].metric: metric must not be empty
        "statsd:\\n  mapings: []\\n"                         | x.yaml:2:3: statsd.mapings: unknown key 'mapings' (did you mean 'mappings'?); allowed keys: enabled, bind, port, receive_buffer_bytes, max_datagram_bytes, name_cache_entries, unmapped, auto_register, mappings
        "telemetry:\\n  events:\\n    - { event: a.b, measurement: d }\\n" | x.yaml:3:7: telemetry.events[0].metrics: missing required key 'metrics' (at least one { metric, type })
        "telemetry:\\n  events:\\n    - { measurement: d, metrics: [ { metric: active_sessions, type: last_value } ] }\\n" | x.yaml:3:7: telemetry.events[0].event: missing required key 'event' (the event name, e.g. dspex.bridge.variable.read)
        "telemetry:\\n  events:\\n    - { event: a.b, metrics: [ { metric: active_sessions, type: last_value } ] }\\n" | x.yaml:3:7: telemetry.events[0].measurement: missing required key 'measurement' (what the emitted value measures, e.g. duration)
        "telemetry:\\n  events:\\n    - { event: A-b, measurement: d, metrics: [ { metric: active_sessions, type: last_value } ] }\\n" | x.yaml:3:16: telemetry.events[0].event: event 'A-b' must be dot-separated words of [a-z0-9_]
        "telemetry:\\n  events:\\n    - { event: a.b, measurement: d, metrics: [ { metric: nope, type: counter } ] }\\n" | x.yaml:3:58: telemetry.events[0].metrics[0].metric: unknown metric 'nope'; known metrics: read_latency_us, operation_error, active_sessions
        "telemetry:\\n  events:\\n    - { event: a.b, measurement: d, metrics: [ { metric: active_sessions, type: counter } ] }\\n" | x.yaml:3:81: telemetry.events[0].metrics[0].type: counter needs a counter metric; 'active_sessions' is a gauge
        "telemetry:\\n  events:\\n    - { event: a.b, measurement: d, metrics: [ { metric: active_sessions, type: average } ] }\\n" | x.yaml:3:81: telemetry.events[0].metrics[0].type: unknown value 'average'; allowed: counter, sum, last_value, distribution
        "telemetry:\\n  events:\\n    - { event: a.b, measurement: d, unit: parsecs, metrics: [ { metric: active_sessions, type: last_value } ] }\\n" | x.yaml:3:43: telemetry.events[0].unit: unknown unit 'parsecs'; known units: nanoseconds, microseconds, milliseconds, seconds, bytes, kilobytes, megabytes
        "telemetry:\\n  events:\\n    - { event: a.b, measurement: d, unit: bytes, metrics: [ { metric: read_latency_us, type: distribution } ] }\\n" | x.yaml:3:71: telemetry.events[0].metrics[0].metric: the event's unit 'bytes' cannot be converted to the unit 'microseconds' of metric 'read_latency_us'
        "telemetry:\\n  events:\\n    - { event: a.b, measurement: d, tags: [op], metrics: [ { metric: operation_error, type: counter, tags: [operation] } ] }\\n" | x.yaml:3:109: telemetry.events[0].metrics[0].tags[0]: 'operation' is not a tag of the event; its tags: [op]
        "telemetry:\\n  events:\\n    - { event: a.b, measurement: d, tags: [op], metrics: [ { metric: operation_error, type: counter, tags: [op] } ] }\\n" | x.yaml:3:109: telemetry.events[0].metrics[0].tags[0]: metric 'operation_error' has no label 'op'; its labels: [operation]
        "telemetry:\\n  events:\\n    - { event: a.b, measurement: d, tags: [op], metrics: [ { metric: operation_error, type: counter, keep: { kind: x } } ] }\\n" | x.yaml:3:110: telemetry.events[0].metrics[0].keep.kind: 'kind' is not a tag of the event; its tags: [op]
        "telemetry:\\n  events:\\n    - { event: a.b, measurement: d, tags: [op, op], metrics: [ { metric: operation_error, type: counter } ] }\\n" | x.yaml:3:43: telemetry.events[0].tags: tags of event 'a.b' has a duplicate: [op, op]
        "telemetry:\\n  events:\\n    - { event: a.b, measurement: d, metrics: [ { metric: active_sessions, type: last_value } ] }\\n    - { event: a.b, measurement: d, metrics: [ { metric: active_sessions, type: last_value } ] }\\n" | x.yaml:4:16: telemetry.events[1].event: duplicate event 'a.b' (also events[0], line 3)
        """)
    void shouldPlaceEveryErrorAtFileLineAndField(final String section, final String message)
    {
        final ConfigException e = assertThrows(ConfigException.class,
            () -> EngineConfig.parse(section.replace("\\n", "\n") + CATALOG, "x.yaml"));
        assertEquals(message, e.getMessage());
    }
}

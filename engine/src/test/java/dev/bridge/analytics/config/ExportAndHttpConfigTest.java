package dev.bridge.analytics.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code export:} and {@code http:} sections: defaults, values, and errors placed at file, line and field. */
class ExportAndHttpConfigTest
{
    private static final String HISTOGRAM = TestCatalogs.READ_LATENCY;

    @Test
    void shouldDefaultEverySettingWhenTheSectionsAreAbsent() throws ConfigException
    {
        final EngineConfig config = EngineConfig.parse(HISTOGRAM, "x.yaml");
        assertEquals(ExportSettings.DEFAULT, config.export());
        assertEquals(HttpSettings.DEFAULT, config.http());
        assertEquals("", config.export().prefix());
        assertEquals(new StatsdPushSettings(false, "127.0.0.1", 8125, Duration.ofSeconds(10), StatsdFlavour.ETSY, 1432),
            config.export().statsd());
        assertEquals(new HttpSettings("127.0.0.1", 9464, null, 8192, 256, Duration.ofSeconds(30), Duration.ofSeconds(10), 4, 64), config.http());
    }

    @Test
    void shouldReadEveryKey() throws ConfigException
    {
        final EngineConfig config = EngineConfig.parse("""
            export:
              prefix: ""
              summary_quantiles: [0.5, 0.99]
              histogram_buckets:
                read_latency_us: [100, 1000, 10000]
              statsd: { enabled: true, host: localhost, port: 9125, flavour: dogstatsd, interval: 5s, max_packet_bytes: 512 }
            http: { bind: 0.0.0.0, port: 0, bearer_token: s3cret, max_request_bytes: 1024, max_connections: 16,
                    idle_timeout: 5s, read_timeout: 2s, max_concurrent_heavy_requests: 2, max_queued_heavy_requests: 0 }
            """ + HISTOGRAM, "x.yaml");
        assertEquals(new ExportSettings("", List.of(0.5, 0.99), Map.of("read_latency_us", List.of(100.0, 1000.0, 10000.0)),
            new StatsdPushSettings(true, "localhost", 9125, Duration.ofSeconds(5), StatsdFlavour.DOGSTATSD, 512)),
            config.export());
        assertEquals(new HttpSettings("0.0.0.0", 0, "s3cret", 1024, 16, Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 0), config.http());
        assertEquals(List.of(100.0, 1000.0, 10000.0), config.export().bucketsFor(config.metric("read_latency_us").orElseThrow()));
    }

    @Test
    void shouldDefaultBucketsToOneTwoFiveStepsUpToTheHighestValue()
    {
        assertEquals(List.of(10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0),
            ExportSettings.defaultBuckets(new HistogramSpec(10, 600, 2, 0)));
        assertEquals(24, ExportSettings.defaultBuckets(new HistogramSpec(1, 60_000_000, 3, 0)).size());
        assertNull(HttpSettings.DEFAULT.bearerToken());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        "export:\\n  prefix: 9bad\\n"                                 | x.yaml:2:11: export.prefix: prefix must match [a-zA-Z_:][a-zA-Z0-9_:]*, was '9bad'
        "export:\\n  summary_quantiles: [0.9, 0.5]\\n"                | x.yaml:2:22: export.summary_quantiles: summary_quantiles must be increasing fractions in [0, 1], was [0.9, 0.5]
        "export:\\n  histogram_buckets:\\n    nope: [1, 2]\\n"        | x.yaml:3:5: export.histogram_buckets.nope: 'nope' is not a histogram metric of the catalog
        "export:\\n  histogram_buckets:\\n    read_latency_us: [5, 2]\\n" | x.yaml:3:22: export.histogram_buckets.read_latency_us: histogram_buckets.read_latency_us must be finite and increasing, was [5.0, 2.0]
        "export:\\n  statsd:\\n    port: 70000\\n"                    | x.yaml:3:11: export.statsd.port: port must be in 1..65535, was 70000
        "export:\\n  statsd:\\n    flavour: graphite\\n"              | x.yaml:3:14: export.statsd.flavour: unknown value 'graphite'; allowed: etsy, dogstatsd
        "export:\\n  statsd:\\n    max_packet_bytes: 10\\n"           | x.yaml:3:23: export.statsd.max_packet_bytes: max_packet_bytes must be in 64..65507, was 10
        "http:\\n  port: -1\\n"                                       | x.yaml:2:9: http.port: port must be in 0..65535, was -1
        "http:\\n  bearer_token: ' '\\n"                              | x.yaml:2:17: http.bearer_token: bearer_token must not be empty (leave the key out for no token)
        "http:\\n  max_request_bytes: 10\\n"                          | x.yaml:2:22: http.max_request_bytes: max_request_bytes must be in 256..65536, was 10
        "http:\\n  max_request_bytes: 65537\\n"                       | x.yaml:2:22: http.max_request_bytes: max_request_bytes must be in 256..65536, was 65537
        "http:\\n  max_connections: 0\\n"                             | x.yaml:2:20: http.max_connections: max_connections must be in 1..65536, was 0
        "http:\\n  idle_timeout: 10ms\\n"                             | x.yaml:2:17: http.idle_timeout: idle_timeout must be in 100ms..1h, was 10ms
        "http:\\n  idle_timeout: 2h\\n"                               | x.yaml:2:17: http.idle_timeout: idle_timeout must be in 100ms..1h, was 2h
        "http:\\n  read_timeout: 0s\\n"                               | x.yaml:2:17: http.read_timeout: read_timeout must be in 100ms..1h, was 0s
        "http:\\n  max_concurrent_heavy_requests: 257\\n"             | x.yaml:2:34: http.max_concurrent_heavy_requests: max_concurrent_heavy_requests must be in 1..256, was 257
        "http:\\n  max_queued_heavy_requests: -1\\n"                  | x.yaml:2:30: http.max_queued_heavy_requests: max_queued_heavy_requests must be in 0..65536, was -1
        "http:\\n  bnd: 1.2.3.4\\n"                                   | x.yaml:2:3: http.bnd: unknown key 'bnd' (did you mean 'bind'?); allowed keys: bind, port, bearer_token, max_request_bytes, max_connections, idle_timeout, read_timeout, max_concurrent_heavy_requests, max_queued_heavy_requests
        """)
    void shouldPlaceEveryErrorAtFileLineAndField(final String section, final String message)
    {
        final ConfigException e = assertThrows(ConfigException.class,
            () -> EngineConfig.parse(section.replace("\\n", "\n") + HISTOGRAM, "x.yaml"));
        assertEquals(message, e.getMessage());
    }
}

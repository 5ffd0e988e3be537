package dev.bridge.analytics.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code export.remote_write:} section: defaults, every key, and errors placed at file, line and field. */
class RemoteWriteConfigTest
{
    private static final String CATALOG = TestCatalogs.READ_LATENCY + """
          grpc_error:
            type: counter
            unit: errors
            help: gRPC errors.
            labels: [code]
        """;

    @Test
    void shouldBeOffByDefault() throws ConfigException
    {
        final RemoteWriteSettings settings = EngineConfig.parse(CATALOG, "x.yaml").export().remoteWrite();
        assertEquals(RemoteWriteSettings.DEFAULT, settings);
        assertEquals(false, settings.enabled());
        assertEquals(Duration.ofSeconds(15), settings.interval());
        assertEquals(5000, settings.maxSamplesPerSend());
    }

    @Test
    void shouldReadEveryKey() throws ConfigException
    {
        final RemoteWriteSettings settings = EngineConfig.parse("""
            export:
              remote_write:
                enabled: true
                url: http://127.0.0.1:9090/api/v1/write
                interval: 30s
                timeout: 5s
                external_labels: { job: dspex, instance: node-a }
                max_samples_per_send: 100
                min_backoff: 1s
                max_backoff: 1m
                native_histograms: false
                classic_histograms: true
                close_timeout: 3s
                headers: { X-Scope-OrgID: tenant-1 }
                bearer_token: s3cret
            """ + CATALOG, "x.yaml").export().remoteWrite();
        final Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", "dspex");
        labels.put("instance", "node-a");
        assertEquals(new RemoteWriteSettings(true, URI.create("http://127.0.0.1:9090/api/v1/write"), Duration.ofSeconds(30),
            Duration.ofSeconds(5), labels, 100, Duration.ofSeconds(1), Duration.ofMinutes(1), false, true,
            Duration.ofSeconds(3), Map.of("X-Scope-OrgID", "tenant-1", "Authorization", "Bearer s3cret")), settings);
        assertEquals(List.of("job", "instance"), List.copyOf(settings.externalLabels().keySet()), "order kept");
    }

    @Test
    void shouldTurnBasicAuthIntoAnAuthorizationHeaderAndHideHeaderValues() throws ConfigException
    {
        final RemoteWriteSettings settings = EngineConfig.parse("""
            export:
              remote_write:
                headers: { X-Scope-OrgID: tenant-1 }
                basic_auth: { username: alice, password: "s3cret:x" }
            """ + CATALOG, "x.yaml").export().remoteWrite();
        assertEquals(Map.of("X-Scope-OrgID", "tenant-1", "Authorization", "Basic YWxpY2U6czNjcmV0Ong="), settings.headers());
        assertEquals(false, settings.toString().contains("s3cret") || settings.toString().contains("YWxpY2U"),
            settings.toString());
        assertEquals(true, settings.toString().contains("headers={X-Scope-OrgID=<hidden>, Authorization=<hidden>}"),
            settings.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        "export:\\n  remote_write:\\n    enabled: true\\n"                        | x.yaml:3:14: export.remote_write.enabled: url is required when remote_write is enabled
        "export:\\n  remote_write:\\n    url: 'ftp://h/x'\\n"                     | x.yaml:3:10: export.remote_write.url: url must be an absolute http or https URL, was 'ftp://h/x'
        "export:\\n  remote_write:\\n    url: 'http://a b'\\n"                    | x.yaml:3:10: export.remote_write.url: not a URL: Illegal character in authority at index 7: http://a b
        "export:\\n  remote_write:\\n    interval: 1500ms\\n"                     | x.yaml:3:15: export.remote_write.interval: interval must be a whole number of seconds > 0, was 1500ms
        "export:\\n  remote_write:\\n    max_samples_per_send: 0\\n"              | x.yaml:3:27: export.remote_write.max_samples_per_send: max_samples_per_send must be in 1..1000000, was 0
        "export:\\n  remote_write:\\n    min_backoff: 2s\\n    max_backoff: 1s\\n"  | x.yaml:4:18: export.remote_write.max_backoff: max_backoff must be >= min_backoff (2s), was 1s
        "export:\\n  remote_write:\\n    native_histograms: false\\n    classic_histograms: false\\n" | x.yaml:3:24: export.remote_write.native_histograms: native_histograms and classic_histograms cannot both be false: histograms would not be pushed
        "export:\\n  remote_write:\\n    external_labels: { __x: y }\\n"          | x.yaml:3:22: export.remote_write.external_labels: external_labels: '__x' is not a label name (it must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __)
        "export:\\n  remote_write:\\n    external_labels: { code: y }\\n"         | x.yaml:3:24: export.remote_write.external_labels.code: 'code' is a label of metric 'grpc_error': an external label must not hide a series label
        "export:\\n  remote_write:\\n    urll: x\\n"                              | x.yaml:3:5: export.remote_write.urll: unknown key 'urll' (did you mean 'url'?); allowed keys: enabled, url, interval, timeout, external_labels, max_samples_per_send, min_backoff, max_backoff, native_histograms, classic_histograms, close_timeout, headers, bearer_token, basic_auth
        "export:\\n  remote_write:\\n    bearer_token: a\\n    basic_auth: { username: u, password: p }\\n" | x.yaml:4:5: export.remote_write.basic_auth: bearer_token and basic_auth cannot both be set
        "export:\\n  remote_write:\\n    headers: { Authorization: x }\\n    bearer_token: a\\n" | x.yaml:4:5: export.remote_write.bearer_token: headers already has an Authorization header
        "export:\\n  remote_write:\\n    basic_auth: { username: u }\\n"   | x.yaml:3:5: export.remote_write.basic_auth: basic_auth needs a password
        "export:\\n  remote_write:\\n    headers: { Content-Type: text/plain }\\n" | x.yaml:3:14: export.remote_write.headers: headers: 'Content-Type' is set by remote write itself
        "export:\\n  remote_write:\\n    headers: { Connection: close }\\n" | x.yaml:3:14: export.remote_write.headers: headers: 'Connection' cannot be sent: restricted header name: "Connection"
        "engine:\\n  raw_resolution: 2s\\n  aggregation_interval: 60s\\nexport:\\n  remote_write:\\n    interval: 15s\\n" | x.yaml:6:15: export.remote_write.interval: interval (15s) must be a multiple of engine.raw_resolution (2s)
        """)
    void shouldPlaceEveryErrorAtFileLineAndField(final String section, final String message)
    {
        final ConfigException e = assertThrows(ConfigException.class,
            () -> EngineConfig.parse(section.replace("\\n", "\n") + CATALOG, "x.yaml"));
        assertEquals(message, e.getMessage());
    }
}

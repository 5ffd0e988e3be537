package dev.bridge.analytics.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Prometheus remote-write exporter ({@code export.remote_write:}): off unless enabled. Immutable, thread-safe.
 *
 * @param enabled            whether a running engine pushes.
 * @param url                the receiver's write endpoint ({@code http://host:9090/api/v1/write}); required when
 *                           enabled.
 * @param interval           the step of the pushed samples (default 15 s, whole seconds): one sample per series at
 *                           every multiple of it, each the cumulative value up to that instant. A multiple of the
 *                           engine's raw_resolution (checked against the engine section by the validator).
 * @param timeout            how long one HTTP request may take (default 10 s).
 * @param externalLabels     labels added to every pushed series ({@code instance}, {@code job}, ...), in order.
 * @param maxSamplesPerSend  a request carries whole steps until it holds at least this many samples and histograms
 *                           (default 5000): the bound of what one request, and the exporter's memory, holds.
 * @param minBackoff         the first wait after a failed attempt (default 500 ms); doubled per failure.
 * @param maxBackoff         the longest wait between attempts (default 30 s).
 * @param nativeHistograms   push histogram metrics as native (exponential) histograms (default true).
 * @param classicHistograms  push histogram metrics as classic {@code _bucket}/{@code _count}/{@code _sum} series
 *                           (default true).
 * @param closeTimeout       how long {@code close()} may spend pushing what is left (default 10 s).
 * @param headers            HTTP headers added to every request: a tenant ({@code X-Scope-OrgID} for Mimir and
 *                           Cortex), {@code Authorization} (what {@code bearer_token} and {@code basic_auth} become);
 *                           not the headers remote write itself sets. {@link #toString()} hides their values.
 */
public record RemoteWriteSettings(
    boolean enabled, URI url, Duration interval, Duration timeout, Map<String, String> externalLabels,
    int maxSamplesPerSend, Duration minBackoff, Duration maxBackoff, boolean nativeHistograms,
    boolean classicHistograms, Duration closeTimeout, Map<String, String> headers)
{
    /** Headers the protocol sets itself; a configured one would change the request's meaning. */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-encoding", "content-type",
        "content-length", "x-prometheus-remote-write-version", "user-agent", "host");

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** The defaults: off, no URL, 15 s steps, 10 s timeout, no external labels, 5000 samples, 0.5-30 s backoff. */
    public static final RemoteWriteSettings DEFAULT = new RemoteWriteSettings(false, null, Duration.ofSeconds(15),
        Duration.ofSeconds(10), Map.of(), 5000, Duration.ofMillis(500), Duration.ofSeconds(30), true, true,
        Duration.ofSeconds(10), Map.of());

    public RemoteWriteSettings
    {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(minBackoff, "min_backoff");
        Objects.requireNonNull(maxBackoff, "max_backoff");
        Objects.requireNonNull(closeTimeout, "close_timeout");
        externalLabels = Collections.unmodifiableMap(new LinkedHashMap<>(externalLabels));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        for (final Map.Entry<String, String> header : headers.entrySet())
        {
            if (!header.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+"))
            {
                throw new InvalidSettingException("headers: '" + header.getKey() + "' is not an HTTP header name",
                    "headers");
            }
            if (RESERVED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT)))
            {
                throw new InvalidSettingException("headers: '" + header.getKey() + "' is set by remote write itself",
                    "headers");
            }
            if (header.getValue() == null || header.getValue().isBlank() || header.getValue().indexOf('\n') >= 0 ||
                header.getValue().indexOf('\r') >= 0)
            {
                throw new InvalidSettingException("headers: '" + header.getKey() + "' needs a one-line, non-empty value",
                    "headers");
            }
            try
            {
                HttpRequest.newBuilder().header(header.getKey(), header.getValue()); // what the client sends
            }
            catch (final IllegalArgumentException ex)
            {
                throw new InvalidSettingException("headers: '" + header.getKey() + "' cannot be sent: " +
                    ex.getMessage(), "headers");
            }
        }
        if (enabled && url == null)
        {
            throw new InvalidSettingException("url is required when remote_write is enabled", "enabled");
        }
        if (url != null && (!url.isAbsolute() || url.getHost() == null ||
            !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))))
        {
            throw new InvalidSettingException("url must be an absolute http or https URL, was '" + url + "'", "url");
        }
        if (interval.isZero() || interval.isNegative() || interval.toNanos() % 1_000_000_000L != 0)
        {
            throw new InvalidSettingException("interval must be a whole number of seconds > 0, was " +
                Durations.format(interval), "interval");
        }
        positive("timeout", timeout);
        positive("min_backoff", minBackoff);
        positive("close_timeout", closeTimeout);
        if (maxBackoff.compareTo(minBackoff) < 0)
        {
            throw new InvalidSettingException("max_backoff must be >= min_backoff (" + Durations.format(minBackoff) +
                "), was " + Durations.format(maxBackoff), "max_backoff", "min_backoff");
        }
        if (maxSamplesPerSend < 1)
        {
            throw new InvalidSettingException("max_samples_per_send must be >= 1, was " + maxSamplesPerSend,
                "max_samples_per_send");
        }
        if (!nativeHistograms && !classicHistograms)
        {
            throw new InvalidSettingException(
                "native_histograms and classic_histograms cannot both be false: histograms would not be pushed",
                "native_histograms", "classic_histograms");
        }
        for (final Map.Entry<String, String> label : externalLabels.entrySet())
        {
            if (!LABEL_NAME.matcher(label.getKey()).matches() || label.getKey().startsWith("__"))
            {
                throw new InvalidSettingException("external_labels: '" + label.getKey() +
                    "' is not a label name (it must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __)",
                    "external_labels");
            }
            if (label.getValue() == null || label.getValue().isEmpty())
            {
                throw new InvalidSettingException("external_labels: '" + label.getKey() + "' has an empty value",
                    "external_labels");
            }
        }
    }

    /** @return these settings, enabled and pushing to {@code newUrl} (the {@code --remote-write URL} option). */
    public RemoteWriteSettings enabledAt(final URI newUrl)
    {
        return new RemoteWriteSettings(true, newUrl, interval, timeout, externalLabels, maxSamplesPerSend, minBackoff,
            maxBackoff, nativeHistograms, classicHistograms, closeTimeout, headers);
    }

    /** @return these settings with {@code labels} as the external labels. */
    public RemoteWriteSettings withExternalLabels(final Map<String, String> labels)
    {
        return new RemoteWriteSettings(enabled, url, interval, timeout, labels, maxSamplesPerSend, minBackoff,
            maxBackoff, nativeHistograms, classicHistograms, closeTimeout, headers);
    }

    /** @return the settings, header values replaced by {@code <hidden>} (they may hold credentials). */
    @Override
    public String toString()
    {
        final Map<String, String> hidden = new LinkedHashMap<>();
        headers.keySet().forEach(name -> hidden.put(name, "<hidden>"));
        return "RemoteWriteSettings[enabled=" + enabled + ", url=" + url + ", interval=" + interval + ", timeout=" +
            timeout + ", externalLabels=" + externalLabels + ", maxSamplesPerSend=" + maxSamplesPerSend +
            ", minBackoff=" + minBackoff + ", maxBackoff=" + maxBackoff + ", nativeHistograms=" + nativeHistograms +
            ", classicHistograms=" + classicHistograms + ", closeTimeout=" + closeTimeout + ", headers=" + hidden + "]";
    }

    private static void positive(final String field, final Duration value)
    {
        if (value.isZero() || value.isNegative())
        {
            throw new InvalidSettingException(field + " must be > 0, was " + Durations.format(value), field);
        }
    }

    /**
     * The {@code export.remote_write:} section of a configuration file.
     *
     * @param metrics the catalog: an external label must not hide one of its labels.
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static RemoteWriteSettings from(final ConfigDto.RemoteWrite r, final Checks checks,
        final List<MetricDefinition> metrics) throws ConfigException
    {
        final RemoteWriteSettings d = DEFAULT;
        final String section = "export.remote_write";
        checks.range(section + ".interval", r.interval);
        checks.range(section + ".timeout", r.timeout);
        checks.range(section + ".max_samples_per_send", r.maxSamplesPerSend);
        checks.range(section + ".min_backoff", r.minBackoff);
        checks.range(section + ".max_backoff", r.maxBackoff);
        checks.range(section + ".close_timeout", r.closeTimeout);
        URI parsed = null;
        if (r.url != null)
        {
            try
            {
                parsed = new URI(r.url);
            }
            catch (final URISyntaxException ex)
            {
                throw checks.atValue(section + ".url", "not a URL: " + ex.getMessage());
            }
        }
        final URI url = parsed;
        if (r.externalLabels != null)
        {
            for (final String name : r.externalLabels.keySet())
            {
                for (final MetricDefinition m : metrics)
                {
                    if (m.labels().contains(name))
                    {
                        throw checks.atKey(section + ".external_labels." + name, "'" + name +
                            "' is a label of metric '" + m.name() + "': an external label must not hide a series label");
                    }
                }
            }
        }
        final Map<String, String> headers = headers(r, checks, section);
        return checks.build(section, () -> new RemoteWriteSettings(
            r.enabled != null ? r.enabled : d.enabled(),
            url,
            r.interval != null ? r.interval : d.interval(),
            r.timeout != null ? r.timeout : d.timeout(),
            r.externalLabels != null ? r.externalLabels : d.externalLabels(),
            r.maxSamplesPerSend != null ? r.maxSamplesPerSend : d.maxSamplesPerSend(),
            r.minBackoff != null ? r.minBackoff : d.minBackoff(),
            r.maxBackoff != null ? r.maxBackoff : d.maxBackoff(),
            r.nativeHistograms != null ? r.nativeHistograms : d.nativeHistograms(),
            r.classicHistograms != null ? r.classicHistograms : d.classicHistograms(),
            r.closeTimeout != null ? r.closeTimeout : d.closeTimeout(),
            headers));
    }

    /** @return {@code headers} with the Authorization header {@code bearer_token} or {@code basic_auth} makes. */
    private static Map<String, String> headers(final ConfigDto.RemoteWrite r, final Checks checks, final String section)
        throws ConfigException
    {
        final Map<String, String> headers = new LinkedHashMap<>(r.headers != null ? r.headers : Map.of());
        final boolean authorizationHeader = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization"));
        if (r.bearerToken != null && r.basicAuth != null)
        {
            throw checks.atKey(section + ".basic_auth", "bearer_token and basic_auth cannot both be set");
        }
        if ((r.bearerToken != null || r.basicAuth != null) && authorizationHeader)
        {
            throw checks.atKey(section + (r.bearerToken != null ? ".bearer_token" : ".basic_auth"),
                "headers already has an Authorization header");
        }
        if (r.bearerToken != null)
        {
            if (r.bearerToken.isBlank())
            {
                throw checks.atValue(section + ".bearer_token", "bearer_token must not be empty");
            }
            headers.put("Authorization", "Bearer " + r.bearerToken);
        }
        if (r.basicAuth != null)
        {
            if (r.basicAuth.username == null || r.basicAuth.username.isEmpty() || r.basicAuth.username.contains(":"))
            {
                throw checks.atKey(section + ".basic_auth", "basic_auth needs a username without ':'");
            }
            if (r.basicAuth.password == null)
            {
                throw checks.atKey(section + ".basic_auth", "basic_auth needs a password");
            }
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (r.basicAuth.username + ":" + r.basicAuth.password).getBytes(StandardCharsets.UTF_8)));
        }
        return headers;
    }
}

package dev.bridge.analytics.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
    private static final java.util.Set<String> RESERVED_HEADERS = java.util.Set.of("content-encoding", "content-type",
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
                throw new IllegalArgumentException("headers: '" + header.getKey() + "' is not an HTTP header name");
            }
            if (RESERVED_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT)))
            {
                throw new IllegalArgumentException("headers: '" + header.getKey() + "' is set by remote write itself");
            }
            if (header.getValue() == null || header.getValue().isBlank() || header.getValue().indexOf('\n') >= 0 ||
                header.getValue().indexOf('\r') >= 0)
            {
                throw new IllegalArgumentException("headers: '" + header.getKey() + "' needs a one-line, non-empty value");
            }
            try
            {
                java.net.http.HttpRequest.newBuilder().header(header.getKey(), header.getValue()); // what the client sends
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("headers: '" + header.getKey() + "' cannot be sent: " + ex.getMessage());
            }
        }
        if (enabled && url == null)
        {
            throw new IllegalArgumentException("url is required when remote_write is enabled");
        }
        if (url != null && (!url.isAbsolute() || url.getHost() == null ||
            !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))))
        {
            throw new IllegalArgumentException("url must be an absolute http or https URL, was '" + url + "'");
        }
        if (interval.isZero() || interval.isNegative() || interval.toNanos() % 1_000_000_000L != 0)
        {
            throw new IllegalArgumentException("interval must be a whole number of seconds > 0, was " +
                Durations.format(interval));
        }
        positive("timeout", timeout);
        positive("min_backoff", minBackoff);
        positive("close_timeout", closeTimeout);
        if (maxBackoff.compareTo(minBackoff) < 0)
        {
            throw new IllegalArgumentException("max_backoff must be >= min_backoff (" + Durations.format(minBackoff) +
                "), was " + Durations.format(maxBackoff));
        }
        if (maxSamplesPerSend < 1)
        {
            throw new IllegalArgumentException("max_samples_per_send must be >= 1, was " + maxSamplesPerSend);
        }
        if (!nativeHistograms && !classicHistograms)
        {
            throw new IllegalArgumentException(
                "native_histograms and classic_histograms cannot both be false: histograms would not be pushed");
        }
        for (final Map.Entry<String, String> label : externalLabels.entrySet())
        {
            if (!LABEL_NAME.matcher(label.getKey()).matches() || label.getKey().startsWith("__"))
            {
                throw new IllegalArgumentException("external_labels: '" + label.getKey() +
                    "' is not a label name (it must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __)");
            }
            if (label.getValue() == null || label.getValue().isEmpty())
            {
                throw new IllegalArgumentException("external_labels: '" + label.getKey() + "' has an empty value");
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
            throw new IllegalArgumentException(field + " must be > 0, was " + Durations.format(value));
        }
    }
}

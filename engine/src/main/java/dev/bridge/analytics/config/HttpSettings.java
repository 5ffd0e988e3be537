package dev.bridge.analytics.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP endpoint of {@code bin/analytics serve} ({@code http:}). Immutable, thread-safe.
 *
 * @param bind                       address to listen on (default {@code 127.0.0.1}: only this machine).
 * @param port                       TCP port (default 9464, Prometheus' registered port for exporters like this;
 *                                   0 = any free).
 * @param bearerToken                when not null, every path requires {@code Authorization: Bearer <token>}.
 * @param maxRequestBytes            the longest request URI accepted, in {@value #MIN_REQUEST_BYTES}..{@value
 *                                   #MAX_REQUEST_BYTES} (default 8192); longer ones get a 414. The request line
 *                                   and headers together may take this plus {@value #HEADER_ALLOWANCE_BYTES} bytes
 *                                   (more: a 431).
 * @param maxConnections             open connections at most, in 1..65536 (default 256); beyond
 *                                   it the server stops accepting until one closes (new ones wait in the backlog).
 * @param idleTimeout                a connection that sends nothing for this long, even halfway through a request,
 *                                   is closed; also the longest a heavy request waits for its turn. In
 *                                   100ms..1h, default 30s.
 * @param readTimeout                a request's line and headers must all arrive within this time of its first
 *                                   bytes, however slowly they trickle, or the connection is closed (checked every
 *                                   quarter of it, so it acts within 1.25 times). In 100ms..1h, default 10s.
 * @param maxConcurrentHeavyRequests heavy requests ({@code /metrics}, {@code /api/export}, {@code /api/dashboard},
 *                                   {@code /api/query}) answered at once, in 1..256 (default 4).
 * @param maxQueuedHeavyRequests     heavy requests waiting for their turn, in 0..65536 (default
 *                                   64); beyond it, or after waiting {@code idleTimeout}, a 503.
 */
public record HttpSettings(String bind, int port, String bearerToken, int maxRequestBytes, int maxConnections,
    Duration idleTimeout, Duration readTimeout, int maxConcurrentHeavyRequests, int maxQueuedHeavyRequests)
{
    /** The smallest {@code max_request_bytes}. */
    public static final int MIN_REQUEST_BYTES = 256;
    /** The largest {@code max_request_bytes}. */
    public static final int MAX_REQUEST_BYTES = 65_536;
    /** Room for the request line's method and version and the headers, beyond {@code max_request_bytes}. */
    public static final int HEADER_ALLOWANCE_BYTES = 8192;

    /**
     * The defaults: 127.0.0.1:9464, no token, 8 KiB URIs, 256 connections, 30 s idle, 10 s to read a request's
     * headers, 4 heavy requests + 64 queued.
     */
    public static final HttpSettings DEFAULT = new HttpSettings("127.0.0.1", 9464, null, 8192);

    /** Settings with the default limits ({@code max_connections} and after). */
    public HttpSettings(final String bind, final int port, final String bearerToken, final int maxRequestBytes)
    {
        this(bind, port, bearerToken, maxRequestBytes, 256, Duration.ofSeconds(30), Duration.ofSeconds(10), 4, 64);
    }

    public HttpSettings
    {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (bind.isBlank())
        {
            throw new InvalidSettingException("bind must not be empty", "bind");
        }
        ConfigRanges.require("http.port", port);
        if (bearerToken != null && bearerToken.isBlank())
        {
            throw new InvalidSettingException("bearer_token must not be empty (leave the key out for no token)", "bearer_token");
        }
        ConfigRanges.require("http.max_request_bytes", maxRequestBytes);
        ConfigRanges.require("http.max_connections", maxConnections);
        ConfigRanges.require("http.idle_timeout", idleTimeout);
        ConfigRanges.require("http.read_timeout", readTimeout);
        ConfigRanges.require("http.max_concurrent_heavy_requests", maxConcurrentHeavyRequests);
        ConfigRanges.require("http.max_queued_heavy_requests", maxQueuedHeavyRequests);
    }

    /** @return these settings with another port (the command line's {@code --port}). */
    public HttpSettings withPort(final int newPort)
    {
        return new HttpSettings(bind, newPort, bearerToken, maxRequestBytes, maxConnections, idleTimeout,
            readTimeout, maxConcurrentHeavyRequests, maxQueuedHeavyRequests);
    }

    /** @return these settings with another bind address. */
    public HttpSettings withBind(final String newBind)
    {
        return new HttpSettings(newBind, port, bearerToken, maxRequestBytes, maxConnections, idleTimeout,
            readTimeout, maxConcurrentHeavyRequests, maxQueuedHeavyRequests);
    }

    /** @return these settings with another token (null for none). */
    public HttpSettings withBearerToken(final String newToken)
    {
        return new HttpSettings(bind, port, newToken, maxRequestBytes, maxConnections, idleTimeout,
            readTimeout, maxConcurrentHeavyRequests, maxQueuedHeavyRequests);
    }

    /** @return these settings with other connection limits. */
    public HttpSettings withConnectionLimits(final int newMaxConnections, final Duration newIdleTimeout)
    {
        return new HttpSettings(bind, port, bearerToken, maxRequestBytes, newMaxConnections, newIdleTimeout,
            readTimeout, maxConcurrentHeavyRequests, maxQueuedHeavyRequests);
    }

    /** @return these settings with another {@code read_timeout}. */
    public HttpSettings withReadTimeout(final Duration newReadTimeout)
    {
        return new HttpSettings(bind, port, bearerToken, maxRequestBytes, maxConnections, idleTimeout, newReadTimeout,
            maxConcurrentHeavyRequests, maxQueuedHeavyRequests);
    }

    /** @return these settings with other bounds on heavy requests. */
    public HttpSettings withHeavyRequestLimits(final int newMaxConcurrent, final int newMaxQueued)
    {
        return new HttpSettings(bind, port, bearerToken, maxRequestBytes, maxConnections, idleTimeout, readTimeout,
            newMaxConcurrent, newMaxQueued);
    }

    /**
     * The {@code http:} section of a configuration file.
     *
     * @throws ConfigException at the first setting that breaks a rule.
     */
    static HttpSettings from(final ConfigDto.Http h, final Checks checks) throws ConfigException
    {
        checks.range("http.port", h.port);
        checks.range("http.max_request_bytes", h.maxRequestBytes);
        checks.range("http.max_connections", h.maxConnections);
        checks.range("http.idle_timeout", h.idleTimeout);
        checks.range("http.read_timeout", h.readTimeout);
        checks.range("http.max_concurrent_heavy_requests", h.maxConcurrentHeavyRequests);
        checks.range("http.max_queued_heavy_requests", h.maxQueuedHeavyRequests);
        final HttpSettings d = DEFAULT;
        return checks.build("http", () -> new HttpSettings(
            h.bind != null ? h.bind : d.bind(),
            h.port != null ? h.port : d.port(),
            h.bearerToken != null ? h.bearerToken : d.bearerToken(),
            h.maxRequestBytes != null ? h.maxRequestBytes : d.maxRequestBytes(),
            h.maxConnections != null ? h.maxConnections : d.maxConnections(),
            h.idleTimeout != null ? h.idleTimeout : d.idleTimeout(),
            h.readTimeout != null ? h.readTimeout : d.readTimeout(),
            h.maxConcurrentHeavyRequests != null ? h.maxConcurrentHeavyRequests : d.maxConcurrentHeavyRequests(),
            h.maxQueuedHeavyRequests != null ? h.maxQueuedHeavyRequests : d.maxQueuedHeavyRequests()));
    }
}

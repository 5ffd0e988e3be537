package dev.bridge.analytics.config;

import java.util.Objects;

/**
 * The HTTP endpoint of {@code bin/analytics serve} ({@code http:}). Immutable, thread-safe.
 *
 * @param bind            address to listen on (default {@code 127.0.0.1}: only this machine).
 * @param port            TCP port (default 9464, Prometheus' registered port for exporters like this; 0 = any free).
 * @param bearerToken     when not null, every path requires {@code Authorization: Bearer <token>}.
 * @param maxRequestBytes the longest request line and query accepted (default 8192); longer ones get a 400/414.
 */
public record HttpSettings(String bind, int port, String bearerToken, int maxRequestBytes)
{
    /** The defaults: 127.0.0.1:9464, no token, 8 KiB requests. */
    public static final HttpSettings DEFAULT = new HttpSettings("127.0.0.1", 9464, null, 8192);

    public HttpSettings
    {
        Objects.requireNonNull(bind, "bind");
        if (bind.isBlank())
        {
            throw new IllegalArgumentException("bind must not be empty");
        }
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        if (bearerToken != null && bearerToken.isBlank())
        {
            throw new IllegalArgumentException("bearer_token must not be empty (leave the key out for no token)");
        }
        if (maxRequestBytes < 256)
        {
            throw new IllegalArgumentException("max_request_bytes must be >= 256, was " + maxRequestBytes);
        }
    }

    /** @return these settings with another port (the command line's {@code --port}). */
    public HttpSettings withPort(final int newPort)
    {
        return new HttpSettings(bind, newPort, bearerToken, maxRequestBytes);
    }

    /** @return these settings with another bind address. */
    public HttpSettings withBind(final String newBind)
    {
        return new HttpSettings(newBind, port, bearerToken, maxRequestBytes);
    }

    /** @return these settings with another token (null for none). */
    public HttpSettings withBearerToken(final String newToken)
    {
        return new HttpSettings(bind, port, newToken, maxRequestBytes);
    }
}

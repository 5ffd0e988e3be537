package dev.bridge.analytics.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the server refuses with a 4xx status: the router answers {@code {"error": message}} with the status and
 * the extra headers (e.g. {@code Allow}, {@code WWW-Authenticate}). Stackless: it is flow control at the request
 * boundary, not a bug. Immutable, thread-safe.
 */
final class HttpError extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    HttpError(final int status, final String message)
    {
        this(status, message, Map.of());
    }

    HttpError(final int status, final String message, final Map<String, String> headers)
    {
        super(message, null, false, false);
        this.status = status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** @return a 400 for a bad, missing or unknown parameter. */
    static HttpError badRequest(final String message)
    {
        return new HttpError(400, message);
    }

    /** @return a 400 saying what is wrong with parameter {@code name}: {@code parameter 'name': problem}. */
    static HttpError badParameter(final String name, final String problem)
    {
        return new HttpError(400, "parameter '" + name + "': " + problem);
    }

    /** @return the HTTP status. */
    int status()
    {
        return status;
    }

    /** @return the extra response headers. */
    Map<String, String> headers()
    {
        return headers;
    }
}

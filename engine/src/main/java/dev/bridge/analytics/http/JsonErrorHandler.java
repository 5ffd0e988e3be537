package dev.bridge.analytics.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import dev.bridge.analytics.config.HttpSettings;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The server's own errors as {@code {"error": "..."}}, like every other error of the API: a request line or headers
 * that cannot be parsed (400), a request line longer than the header buffer (414), headers too large (431), an
 * unsupported HTTP version (505, or 426 for HTTP/2), a request cut by {@code idle_timeout} (408), a failure outside the endpoints (500).
 * Jetty calls it instead of writing its HTML error page; each 4xx or 505 is counted as a malformed request (a 500 or
 * 503, the server's own doing, is not). Thread-safe: immutable apart from the thread-safe counters.
 */
final class JsonErrorHandler extends ErrorHandler
{
    /** The detail of a 400 when Jetty gives none (e.g. a path that leaves the root or holds an encoded NUL). */
    static final String UNREADABLE = "the request line, its path or a header cannot be read (a path may not leave " +
        "the root nor hold an encoded NUL)";

    private final HttpRefusals refusals;
    private final int maxRequestBytes;

    JsonErrorHandler(final HttpRefusals refusals, final int maxRequestBytes)
    {
        this.refusals = refusals;
        this.maxRequestBytes = maxRequestBytes;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(final String method)
    {
        return true;
    }

    @Override
    protected void generateResponse(final Request request, final Response response, final int code,
        final String message, final Throwable cause, final Callback callback)
    {
        count(code);
        final Reply reply = Json.error(code, message(code, message));
        Router.send(request, response, callback, reply);
    }

    @Override
    public ByteBuffer badMessageError(final int status, final String reason, final HttpFields.Mutable fields)
    {
        count(status);
        fields.put(HttpHeader.CONTENT_TYPE, Reply.JSON);
        fields.put(new HttpField("X-Content-Type-Options", "nosniff"));
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(Json.write(Map.of("error", message(status, reason))).getBytes(StandardCharsets.UTF_8));
    }

    private void count(final int status)
    {
        if (status >= 400 && status < 500 || status == 505)
        {
            refusals.onMalformed();
        }
    }

    /** @return the message of the error body for {@code status}, with Jetty's detail where it names the problem. */
    String message(final int status, final String detail)
    {
        final String reason = HttpStatus.getMessage(status);
        final boolean specific = detail != null && !detail.isBlank() && !detail.equals(reason);
        return switch (status)
        {
            case 400 -> "malformed request: " + (specific ? detail : UNREADABLE);
            case 408 -> "the request was not received in time (idle_timeout)";
            case 414 -> "the request URI is longer than " + maxRequestBytes + " bytes (max_request_bytes)";
            case 413, 431 -> "the request line and headers are longer than " +
                (maxRequestBytes + HttpSettings.HEADER_ALLOWANCE_BYTES) +
                " bytes (max_request_bytes + " + HttpSettings.HEADER_ALLOWANCE_BYTES + ")";
            case 426 -> "HTTP/2 is not served here: use HTTP/1.1";
            case 500 -> Router.INTERNAL_ERROR;
            case 505 -> "HTTP version not supported: use HTTP/1.1 or HTTP/1.0";
            default -> specific ? reason + ": " + detail : reason;
        };
    }
}

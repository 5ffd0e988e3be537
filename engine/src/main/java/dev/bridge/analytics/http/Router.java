package dev.bridge.analytics.http;

import dev.bridge.analytics.store.StoreException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one handler of the server: checks each request in a fixed order and answers it.
 * <ol>
 *   <li>a request URI longer than {@code max_request_bytes}: 414;</li>
 *   <li>a missing or wrong bearer token (when one is configured): 401 with {@code WWW-Authenticate}, on every path
 *       (a browser opening the page gets the {@link TokenGatePage} as the 401's body);</li>
 *   <li>a method other than GET or HEAD (or POST, for the Prometheus API's paths): 405 with {@code Allow};</li>
 *   <li>a raw path that is not exactly one of the routes (or {@code /api/v1/label/<name>/values}): 404;</li>
 *   <li>an unknown, repeated or empty parameter: 400 (the Prometheus API's paths read theirs leniently, from the
 *       query string and an {@code application/x-www-form-urlencoded} body of at most {@code max_request_bytes},
 *       413 beyond);</li>
 *   <li>the endpoint: its reply; an {@link HttpError} is its status, an {@link IllegalArgumentException} a 400 with
 *       its message, a {@link StoreException} (a store that cannot answer completely, e.g. percentiles whose
 *       histograms the store lost) a 503 with its message, anything else a 500 with a generic message (the
 *       exception is logged).</li>
 * </ol>
 * Every error body is {@code {"error": "..."}}; every reply has {@code X-Content-Type-Options: nosniff} and, unless
 * the endpoint sets another, {@code Cache-Control: no-store}; an endpoint's {@code Vary} is merged with the one the gzip
 * handler sets. HEAD gets the headers of GET, without the body. A
 * request body is never read except a Prometheus API form (a connection with an unread body is closed after the
 * reply). The reply is written without blocking the handler thread (a slow reader holds only its
 * connection, until {@code idle_timeout}). Thread-safe: immutable, called by the server's handler threads.
 */
final class Router extends Handler.Abstract
{
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    static final String INTERNAL_ERROR = "internal error: the server's log has the details";
    /** The route key of {@code /api/v1/label/<name>/values}. */
    static final String LABEL_VALUES = "/api/v1/label/{name}/values";
    static final String LABEL_VALUES_PREFIX = "/api/v1/label/";
    static final String LABEL_VALUES_SUFFIX = "/values";
    /** Request attribute set once a form body has been read completely. */
    private static final String BODY_READ = "dev.bridge.analytics.http.bodyRead";

    private final Map<String, Endpoint> routes;
    private final BearerAuth auth;
    private final TokenGatePage gate;
    private final int maxRequestBytes;

    Router(final Map<String, Endpoint> routes, final BearerAuth auth, final TokenGatePage gate, final int maxRequestBytes)
    {
        super(InvocationType.BLOCKING);
        this.routes = Map.copyOf(routes);
        this.auth = auth;
        this.gate = gate;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public boolean handle(final org.eclipse.jetty.server.Request request, final Response response, // qualified: http.Request is the endpoints' request
        final Callback callback)
    {
        send(request, response, callback, answer(request));
        return true;
    }

    private Reply answer(final org.eclipse.jetty.server.Request request) // qualified: http.Request is the endpoints' request
    {
        final String method = request.getMethod();
        final HttpURI uri = request.getHttpURI();
        final String path = uri.getPath();
        try
        {
            final String pathAndQuery = uri.getPathQuery();
            if (pathAndQuery != null && pathAndQuery.getBytes(StandardCharsets.UTF_8).length > maxRequestBytes)
            {
                throw new HttpError(414, "the request URI is longer than " + maxRequestBytes + " bytes (max_request_bytes)");
            }
            final HttpFields headers = request.getHeaders();
            final HttpError refusal = auth.check(headers.getValuesList(HttpHeader.AUTHORIZATION));
            if (refusal != null)
            {
                if (StaticResources.PAGE.equals(path) && acceptsHtml(headers.getValuesList(HttpHeader.ACCEPT)))
                {
                    return gate.reply(refusal);
                }
                throw refusal;
            }
            final Endpoint endpoint = path == null ? null : route(path);
            final boolean api = endpoint != null && endpoint.prometheusApi();
            if (!method.equals("GET") && !method.equals("HEAD") && !(api && method.equals("POST")))
            {
                throw api ?
                    new HttpError(405, "method " + method + " is not allowed: use GET, HEAD or POST",
                        Map.of("Allow", "GET, HEAD, POST")) :
                    new HttpError(405, "method " + method + " is not allowed: use GET or HEAD",
                        Map.of("Allow", "GET, HEAD"));
            }
            if (endpoint == null)
            {
                throw new HttpError(404, "no such path: " + path);
            }
            final QueryParameters parameters = api ?
                QueryParameters.lenient(uri.getQuery(), method.equals("POST") ? form(request) : null) :
                QueryParameters.parse(uri.getQuery(), endpoint.parameters());
            return endpoint.serve(new Request(method, path, parameters, headers));
        }
        catch (final HttpError ex)
        {
            Reply reply = Json.error(ex.status(), ex.getMessage());
            for (final Map.Entry<String, String> header : ex.headers().entrySet())
            {
                reply = reply.withHeader(header.getKey(), header.getValue());
            }
            return reply;
        }
        catch (final IllegalArgumentException ex)
        {
            return Json.error(400, ex.getMessage());
        }
        catch (final StoreException ex)
        {
            LOG.warn("HTTP {} {} refused: {}", method, path, ex.getMessage());
            return Json.error(503, ex.getMessage());
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.error("HTTP {} {} failed", method, path, ex);
            return Json.error(500, INTERNAL_ERROR);
        }
    }

    /**
     * @return the endpoint of {@code path}: an exact route, or the one route with a {@value #LABEL_VALUES} pattern
     *         ({@code /api/v1/label/<name>/values}); null for none.
     */
    private Endpoint route(final String path)
    {
        final Endpoint exact = routes.get(path);
        if (exact != null)
        {
            return exact;
        }
        if (path.startsWith(LABEL_VALUES_PREFIX) && path.endsWith(LABEL_VALUES_SUFFIX) &&
            path.length() > LABEL_VALUES_PREFIX.length() + LABEL_VALUES_SUFFIX.length())
        {
            final String name = path.substring(LABEL_VALUES_PREFIX.length(), path.length() - LABEL_VALUES_SUFFIX.length());
            return name.indexOf('/') < 0 ? routes.get(LABEL_VALUES) : null;
        }
        return null;
    }

    /**
     * @return the request's {@code application/x-www-form-urlencoded} body (read completely, blocking this handler
     *         thread), or null for another content type (whose body is left unread, as Prometheus ignores it).
     * @throws HttpError 413 for a body longer than {@code max_request_bytes}.
     */
    private String form(final org.eclipse.jetty.server.Request request) throws IOException // qualified: http.Request is the endpoints' request
    {
        final String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
        {
            return null;
        }
        try (InputStream in = Content.Source.asInputStream(request))
        {
            final byte[] body = in.readNBytes(maxRequestBytes + 1);
            if (body.length > maxRequestBytes)
            {
                throw new HttpError(413, "the request body is longer than " + maxRequestBytes + " bytes (max_request_bytes)");
            }
            request.setAttribute(BODY_READ, Boolean.TRUE);
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Writes {@code reply} as the response; completes {@code callback} when it is written (or failed). HEAD gets the
     * headers of GET without the body. Never blocks.
     */
    static void send(final org.eclipse.jetty.server.Request request, final Response response, final Callback callback, // qualified: http.Request is the endpoints' request
        final Reply reply)
    {
        response.setStatus(reply.status());
        final HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, reply.contentType());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        reply.headers().forEach((name, value) ->
        {
            if (name.equalsIgnoreCase("Vary"))
            {
                headers.ensureField(new HttpField(HttpHeader.VARY, value)); // keeps the gzip handler's Accept-Encoding
            }
            else
            {
                headers.put(name, value);
            }
        });
        if ((request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) &&
            request.getAttribute(BODY_READ) == null)
        {
            // an unread body (anything but an API form): close rather than leave unread bytes on a kept-alive
            // connection, which a client could otherwise reuse while the server closes it
            headers.put(HttpHeader.CONNECTION, "close");
        }
        final byte[] body = reply.body();
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        if (request.getMethod().equals("HEAD") || body.length == 0)
        {
            response.write(true, null, callback);
            return;
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static boolean acceptsHtml(final List<String> accept)
    {
        return accept.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("text/html"));
    }
}

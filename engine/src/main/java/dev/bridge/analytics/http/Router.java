package dev.bridge.analytics.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.bridge.analytics.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
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
 *   <li>a method other than GET or HEAD: 405 with {@code Allow: GET, HEAD};</li>
 *   <li>a raw path that is not exactly one of the routes: 404;</li>
 *   <li>an unknown, repeated or empty parameter: 400;</li>
 *   <li>the endpoint: its reply; an {@link HttpError} is its status, an {@link IllegalArgumentException} a 400 with
 *       its message, a {@link StoreException} (a store that cannot answer completely, e.g. percentiles whose
 *       histograms the store lost) a 503 with its message, anything else a 500 with a generic message (the
 *       exception is logged).</li>
 * </ol>
 * Every error body is {@code {"error": "..."}}; every reply has {@code X-Content-Type-Options: nosniff} and, unless
 * the endpoint sets another, {@code Cache-Control: no-store}. HEAD gets the headers of GET, without the body. The
 * request body is never read. Thread-safe: immutable, called by the server's handler threads.
 */
final class Router implements HttpHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    static final String INTERNAL_ERROR = "internal error: the server's log has the details";

    private final Map<String, Endpoint> routes;
    private final BearerAuth auth;
    private final TokenGatePage gate;
    private final int maxRequestBytes;

    Router(final Map<String, Endpoint> routes, final BearerAuth auth, final TokenGatePage gate, final int maxRequestBytes)
    {
        this.routes = Map.copyOf(routes);
        this.auth = auth;
        this.gate = gate;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException
    {
        try
        {
            send(exchange, answer(exchange));
        }
        catch (final IOException ex)
        {
            LOG.debug("could not send the reply to {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                ex.toString());
        }
        finally
        {
            exchange.close();
        }
    }

    private Reply answer(final HttpExchange exchange)
    {
        final String method = exchange.getRequestMethod();
        final URI uri = exchange.getRequestURI();
        try
        {
            if (uri.toString().getBytes(StandardCharsets.UTF_8).length > maxRequestBytes)
            {
                throw new HttpError(414, "the request URI is longer than " + maxRequestBytes + " bytes (max_request_bytes)");
            }
            final String path = uri.getRawPath();
            final Headers headers = exchange.getRequestHeaders();
            final HttpError refusal = auth.check(values(headers, "Authorization"));
            if (refusal != null)
            {
                if (StaticResources.PAGE.equals(path) && acceptsHtml(values(headers, "Accept")))
                {
                    return gate.reply(refusal);
                }
                throw refusal;
            }
            if (!method.equals("GET") && !method.equals("HEAD"))
            {
                throw new HttpError(405, "method " + method + " is not allowed: use GET or HEAD",
                    Map.of("Allow", "GET, HEAD"));
            }
            final Endpoint endpoint = path == null ? null : routes.get(path);
            if (endpoint == null)
            {
                throw new HttpError(404, "no such path: " + path);
            }
            final QueryParameters parameters = QueryParameters.parse(uri.getRawQuery(), endpoint.parameters());
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
            LOG.warn("HTTP {} {} refused: {}", method, uri.getRawPath(), ex.getMessage());
            return Json.error(503, ex.getMessage());
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.error("HTTP {} {} failed", method, uri.getRawPath(), ex);
            return Json.error(500, INTERNAL_ERROR);
        }
    }

    private static void send(final HttpExchange exchange, final Reply reply) throws IOException
    {
        final Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", reply.contentType());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cache-Control", "no-store");
        reply.headers().forEach(headers::set);
        final byte[] body = reply.body();
        if (exchange.getRequestMethod().equals("HEAD") || body.length == 0)
        {
            headers.set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(body);
        }
    }

    private static boolean acceptsHtml(final List<String> accept)
    {
        return accept.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("text/html"));
    }

    private static List<String> values(final Headers headers, final String name)
    {
        final List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }
}

package dev.bridge.analytics.http;

import org.eclipse.jetty.http.HttpFields;

import java.util.List;

/**
 * What an endpoint sees of one request: its method, raw path, checked parameters and headers. The body is never
 * read. Immutable view, confined to its request.
 *
 * @param method     the request method ({@code GET} or {@code HEAD} by the time an endpoint sees it).
 * @param path       the raw (still encoded) path, as matched against the routes.
 * @param parameters the query parameters, checked against the endpoint's names.
 * @param headers    the request headers (case-insensitive names).
 */
record Request(String method, String path, QueryParameters parameters, HttpFields headers)
{
    /** @return every value of header {@code name} (empty when absent). */
    List<String> header(final String name)
    {
        return headers.getValuesList(name);
    }
}

package dev.bridge.analytics.http;

import java.util.List;

/**
 * One file of the dashboard page, read from the classpath once when the server starts and served from memory.
 * Immutable, thread-safe.
 *
 * @param body         the file's bytes (owned by this record).
 * @param contentType  its {@code Content-Type}.
 * @param cacheControl its {@code Cache-Control}.
 * @param policy       its {@code Content-Security-Policy}, or null for none (only the HTML page has one).
 */
record StaticFile(byte[] body, String contentType, String cacheControl, String policy) implements Endpoint
{
    @Override
    public List<String> parameters()
    {
        return List.of();
    }

    @Override
    public Reply serve(final Request request)
    {
        final Reply reply = Reply.ok(contentType, body).withHeader("Cache-Control", cacheControl);
        return policy == null ? reply : reply.withHeader("Content-Security-Policy", policy);
    }
}

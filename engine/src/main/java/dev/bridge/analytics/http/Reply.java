package dev.bridge.analytics.http;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP answer, built completely before anything is sent (so a failure while building it is still a clean error
 * status): status, content type, body and extra headers. Immutable, thread-safe.
 *
 * @param status      the HTTP status code.
 * @param contentType the {@code Content-Type}.
 * @param body        the body (not copied: the reply owns it).
 * @param headers     extra response headers, in order.
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers)
{
    static final String JSON = "application/json";
    static final String HTML = "text/html; charset=utf-8";

    Reply
    {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** @return a 200 reply. */
    static Reply ok(final String contentType, final byte[] body)
    {
        return new Reply(200, contentType, body, Map.of());
    }

    /** @return a 200 JSON reply of {@code json} (already rendered). */
    static Reply json(final String json)
    {
        return ok(JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** @return this reply with one more header (replacing one of the same name). */
    Reply withHeader(final String name, final String value)
    {
        final Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, more);
    }
}

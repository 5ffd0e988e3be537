package dev.bridge.analytics.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

import java.time.Duration;
import java.util.Set;

/**
 * The bound on heavy requests, the ones whose answer is built from every series or a long range ({@link #PATHS}:
 * {@code /metrics}, {@code /api/export}, {@code /api/dashboard}, {@code /api/query}, {@code /api/v1/query},
 * {@code /api/v1/query_range}): at most
 * {@code max_concurrent_heavy_requests} are answered at once (each holds its whole body in memory until it is sent);
 * up to {@code max_queued_heavy_requests} more wait, without holding a thread, for at most {@code idle_timeout};
 * beyond that, or after the wait, a 503 with {@code Retry-After: 1} and {@link #message the JSON message}, counted in
 * {@link HttpRefusals#busy()}. Other paths pass straight through. Jetty's {@link QoSHandler} does the counting and
 * queueing; this class only chooses the paths and words the refusal. Thread-safe.
 */
final class HeavyRequestLimit extends QoSHandler
{
    /** The heavy paths. */
    static final Set<String> PATHS = Set.of("/metrics", "/api/export", "/api/dashboard", "/api/query", "/api/v1/query",
        "/api/v1/query_range");
    /** Seconds a refused client is asked to wait. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final HttpRefusals refusals;
    private final String message;

    HeavyRequestLimit(final Handler next, final int maxConcurrent, final int maxQueued, final Duration maxWait,
        final HttpRefusals refusals)
    {
        super(next);
        this.refusals = refusals;
        this.message = message(maxConcurrent);
        setMaxRequestCount(maxConcurrent);
        setMaxSuspendedRequestCount(maxQueued);
        setMaxSuspend(maxWait);
        PATHS.stream().sorted().forEach(this::includePath);
    }

    /** @return the message of the 503 with {@code maxConcurrent} heavy requests allowed at once. */
    static String message(final int maxConcurrent)
    {
        return "the server is busy: " + maxConcurrent + " heavy requests (/metrics, /api/export, /api/dashboard, " +
            "/api/query, /api/v1/query, /api/v1/query_range) are being answered and the queue is full or the wait too long " +
            "(max_concurrent_heavy_requests, max_queued_heavy_requests): retry later";
    }

    @Override
    protected void reject(final Request request, final Response response, final Callback callback, final int status)
    {
        refuse(request, response, callback);
    }

    @Override
    protected void failSuspended(final Request request, final Response response, final Callback callback,
        final int status, final Throwable failure)
    {
        refuse(request, response, callback);
    }

    private void refuse(final Request request, final Response response, final Callback callback)
    {
        refusals.onBusy();
        Router.send(request, response, callback, Json.error(503, message).withHeader("Retry-After", RETRY_AFTER_SECONDS));
    }
}

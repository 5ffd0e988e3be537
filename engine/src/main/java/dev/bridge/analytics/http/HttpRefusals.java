package dev.bridge.analytics.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the server refused since it started: heavy requests answered 503 because too many were being answered or
 * waiting ({@code max_concurrent_heavy_requests}, {@code max_queued_heavy_requests}), and requests the HTTP layer
 * could not read (malformed or oversized request line or headers), and connections closed because a request's headers
 * trickled in slower than {@code read_timeout}. Shown in
 * {@code /api/health}. Thread-safe: counters written by the server's threads, read by any.
 */
final class HttpRefusals
{
    private final LongAdder busy = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder readTimeouts = new LongAdder();

    /** Counts one heavy request refused with 503. */
    void onBusy()
    {
        busy.increment();
    }

    /** Counts one request the HTTP layer refused before any endpoint saw it. */
    void onMalformed()
    {
        malformed.increment();
    }

    /** Counts one connection closed because its request's headers did not arrive within {@code read_timeout}. */
    void onReadTimeout()
    {
        readTimeouts.increment();
    }

    /** @return the heavy requests refused with 503 so far. */
    long busy()
    {
        return busy.sum();
    }

    /** @return the requests refused by the HTTP layer so far. */
    long malformed()
    {
        return malformed.sum();
    }

    /** @return the connections closed by {@code read_timeout} so far. */
    long readTimeouts()
    {
        return readTimeouts.sum();
    }

    /**
     * @return the facts {@code /api/health} shows: {@code http_busy_refusals}, {@code http_malformed_requests},
     * {@code http_read_timeouts}.
     */
    Map<String, Object> facts()
    {
        final Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("http_busy_refusals", busy());
        facts.put("http_malformed_requests", malformed());
        facts.put("http_read_timeouts", readTimeouts());
        return facts;
    }
}

package dev.bridge.analytics.http;

import java.io.IOException;
import java.util.List;

/**
 * The answer of one path. Implementations are immutable and called concurrently by the server's handler threads.
 */
interface Endpoint
{
    /** @return the query parameter names this path accepts (any other is a 400), in the order errors list them. */
    List<String> parameters();

    /**
     * @return the reply to {@code request}, whose parameters are already checked against {@link #parameters()}.
     * @throws HttpError                for a request that cannot be answered as asked (4xx).
     * @throws IllegalArgumentException from the query API: answered 400 with its message.
     * @throws IOException              from rendering a body.
     */
    Reply serve(Request request) throws IOException;

    /**
     * @return true for the Prometheus HTTP API's paths ({@code /api/v1/...}): they also take a form POST, and read
     *         their parameters leniently ({@link QueryParameters#lenient}); {@link #parameters()} only documents them.
     */
    default boolean prometheusApi()
    {
        return false;
    }
}

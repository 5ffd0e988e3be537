package dev.bridge.analytics.http;

import dev.bridge.analytics.promql.PromqlException;
import dev.bridge.analytics.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A path of Prometheus' HTTP API ({@code /api/v1/...}): GET or form POST, parameters read leniently (unknown ones
 * such as {@code stats}, {@code lookback_delta} are ignored, {@code match[]} may repeat), answered in Prometheus'
 * envelope ({@link PromJson}). Errors keep that envelope and Prometheus' types and statuses: {@code bad_data} 400
 * (bad parameter or expression), {@code execution} 422 (evaluation), {@code timeout} 503 (the query's
 * {@code timeout} passed), {@code unavailable} 503 (a store that cannot answer completely), {@code internal} 500
 * (a bug; logged). Subclasses are immutable and
 * thread-safe.
 */
abstract class PromApiEndpoint implements Endpoint
{
    private static final Logger LOG = LoggerFactory.getLogger(PromApiEndpoint.class);

    @Override
    public final boolean prometheusApi()
    {
        return true;
    }

    @Override
    public final Reply serve(final Request request)
    {
        try
        {
            return Reply.json(PromJson.success(data(request)));
        }
        catch (final PromqlException ex)
        {
            return PromJson.error(ex.kind().status(), ex.kind().errorType(), ex.getMessage());
        }
        catch (final StoreException ex)
        {
            LOG.warn("HTTP {} {} refused: {}", request.method(), request.path(), ex.getMessage());
            return PromJson.error(503, "unavailable", ex.getMessage());
        }
        catch (final IllegalArgumentException ex)
        {
            return PromJson.error(400, "bad_data", ex.getMessage());
        }
        catch (final RuntimeException ex)
        {
            LOG.error("HTTP {} {} failed", request.method(), request.path(), ex);
            return PromJson.error(500, "internal", Router.INTERNAL_ERROR);
        }
    }

    /** @return the {@code data} member of the success envelope, as JSON. */
    abstract String data(Request request);

    /** @return the optional {@code limit} parameter: a positive count, or {@code Integer.MAX_VALUE} for none or 0. */
    static int limit(final Request request)
    {
        final String text = request.parameters().get("limit");
        if (text == null || text.isEmpty())
        {
            return Integer.MAX_VALUE;
        }
        try
        {
            final int limit = Integer.parseInt(text);
            if (limit < 0)
            {
                throw PromParameters.invalid("limit", "limit must be non-negative");
            }
            return limit == 0 ? Integer.MAX_VALUE : limit;
        }
        catch (final NumberFormatException ex)
        {
            throw PromParameters.invalid("limit", "cannot parse \"" + text + "\" to a valid limit");
        }
    }
}

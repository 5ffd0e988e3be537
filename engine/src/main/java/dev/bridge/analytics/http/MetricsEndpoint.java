package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.export.ExportFormat;
import dev.bridge.analytics.export.ExportWriters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * {@code /metrics}: every series' running totals since it was created ({@link AnalyticsQueries#scrape}: counters
 * and histograms never decrease, {@code _created} never moves forward) for a Prometheus scrape, in protobuf (with native
 * histograms), OpenMetrics 1.0 or text 0.0.4 as client_java's {@code ExpositionFormats} negotiates the {@code Accept}
 * header ({@link ExportWriters#negotiateScrape}), with that format's Content-Type and {@code Vary: Accept} (the
 * server's gzip handler adds {@code Accept-Encoding}). Takes no parameters. Immutable, thread-safe.
 */
final class MetricsEndpoint implements Endpoint
{
    private final AnalyticsQueries queries;

    MetricsEndpoint(final AnalyticsQueries queries)
    {
        this.queries = queries;
    }

    @Override
    public List<String> parameters()
    {
        return List.of();
    }

    @Override
    public Reply serve(final Request request) throws IOException
    {
        final List<String> accept = request.header("Accept");
        final ExportFormat format = ExportWriters.negotiateScrape(accept.isEmpty() ? null : String.join(",", accept));
        final ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        queries.scrape(format, body);
        return Reply.ok(format.contentType(), body.toByteArray()).withHeader("Vary", "Accept");
    }

    /** @return the export of {@code range} in {@code format}, with the format's content type. */
    static Reply export(final AnalyticsQueries queries, final ExportFormat format, final TimeRange range)
        throws IOException
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        queries.export(format, range, body);
        return Reply.ok(format.contentType(), body.toByteArray());
    }
}

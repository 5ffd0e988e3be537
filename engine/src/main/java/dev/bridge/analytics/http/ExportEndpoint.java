package dev.bridge.analytics.http;

import dev.bridge.analytics.AnalyticsQueries;
import dev.bridge.analytics.query.TimeRange;
import dev.bridge.analytics.export.ExportFormat;

import java.io.IOException;
import java.util.List;

/**
 * {@code /api/export?format=F[&range=R]}: the export of the range (default {@code all}) in any
 * {@link ExportFormat} ({@code prometheus, openmetrics, json, csv, statsd, dogstatsd}), with the format's
 * Content-Type. Immutable, thread-safe.
 */
final class ExportEndpoint implements Endpoint
{
    static final String FORMAT = "format";

    private final AnalyticsQueries queries;

    ExportEndpoint(final AnalyticsQueries queries)
    {
        this.queries = queries;
    }

    @Override
    public List<String> parameters()
    {
        return List.of(FORMAT, RangeParameter.NAME);
    }

    @Override
    public Reply serve(final Request request) throws IOException
    {
        final ExportFormat format;
        try
        {
            format = ExportFormat.parse(request.parameters().required(FORMAT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw HttpError.badParameter(FORMAT, ex.getMessage());
        }
        final TimeRange range = RangeParameter.parse(request.parameters().get(RangeParameter.NAME), TimeRange.ALL);
        return MetricsEndpoint.export(queries, format, range);
    }
}

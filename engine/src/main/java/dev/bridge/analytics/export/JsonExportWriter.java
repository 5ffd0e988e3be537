package dev.bridge.analytics.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.dashboard.DashboardJson;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON (RFC 8259, strict: a non-finite number is written as {@code null}, never {@code NaN} or {@code Infinity}),
 * written with Jackson's streaming generator, one object and a line feed. Names and values are the catalog's
 * (metric names, labels and values in the metric's own unit); every series is listed, those without data with
 * count 0 and nulls. The dashboard is {@link DashboardJson}'s object.
 * <pre>{@code
 * {"timestamp":1700000040500,
 *  "range":{"name":"all","from_ms":...,"to_ms":...,"resolution_ms":3600000,"all":true},
 *  "series":[{"metric":"operation_error","type":"counter","unit":"errors","labels":{"operation":"read"},
 *             "overflow":false,"created_ms":1699999950000,
 *             "stats":{"count":2,"sum":12,"mean":6.0,"min":2,"max":10,"stddev":4.0,"last":2}},
 *            {"metric":"read_latency_us","type":"histogram",...,"stats":{...},
 *             "histogram":{"count":101,"sum":10050,"buckets":[{"le":50.0,"count":50},...],
 *                          "percentiles":{"0.5":50,"0.9":90,...},"percentile_mode":"histogram"}}],
 *  "dashboard":{"timestamp":1700000040500,"range":{...},"operations":{...},...}}
 * }</pre>
 * Stateless, thread-safe.
 */
final class JsonExportWriter implements ExportWriter
{
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .build();

    @Override
    public Set<SnapshotPart> parts()
    {
        return Set.of(SnapshotPart.DASHBOARD);
    }

    @Override
    public void write(final ExportSnapshot snapshot, final OutputStream out) throws IOException
    {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8))
        {
            json.writeStartObject();
            json.writeNumberField("timestamp", snapshot.takenAtMs());
            final ExportRange range = snapshot.range();
            json.writeObjectFieldStart("range");
            json.writeStringField("name", range.name());
            json.writeNumberField("from_ms", range.fromMs());
            json.writeNumberField("to_ms", range.toMs());
            json.writeNumberField("resolution_ms", range.resolutionMs());
            json.writeBooleanField("all", range.all());
            json.writeEndObject();
            json.writeArrayFieldStart("series");
            for (final SeriesExport s : snapshot.series())
            {
                series(json, s);
            }
            json.writeEndArray();
            if (snapshot.dashboard() != null)
            {
                json.writeFieldName("dashboard");
                json.writeRawValue(DashboardJson.toJson(snapshot.dashboard()));
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }
        out.flush();
    }

    private static void series(final JsonGenerator json, final SeriesExport s) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("metric", s.metric().name());
        json.writeStringField("type", s.metric().type().name().toLowerCase(Locale.ROOT));
        json.writeStringField("unit", s.metric().unit());
        json.writeObjectFieldStart("labels");
        for (final Map.Entry<String, String> label : s.labels().entrySet())
        {
            json.writeStringField(label.getKey(), label.getValue());
        }
        json.writeEndObject();
        json.writeBooleanField("overflow", s.overflow());
        json.writeFieldName("created_ms");
        number(json, s.createdMs());
        stats(json, s.stats());
        final HistogramExport h = s.histogram();
        if (h != null)
        {
            json.writeObjectFieldStart("histogram");
            json.writeNumberField("count", h.count());
            json.writeNumberField("sum", h.sum());
            json.writeArrayFieldStart("buckets");
            for (int i = 0; i < h.bucketCount(); i++)
            {
                json.writeStartObject();
                json.writeFieldName("le");
                finite(json, h.upperBound(i));
                json.writeNumberField("count", h.cumulativeCount(i));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("percentiles");
            for (final Map.Entry<Double, Long> p : h.percentiles().entrySet())
            {
                json.writeFieldName(Double.toString(p.getKey()));
                number(json, p.getValue());
            }
            json.writeEndObject();
            json.writeStringField("percentile_mode", h.exact() ? "exact" : "histogram");
            if (!h.aboveHighest().isEmpty())
            {
                // the percentiles whose value is the metric's highest, meaning at least that much
                json.writeArrayFieldStart("above_highest");
                for (final Double fraction : h.percentiles().keySet())
                {
                    if (h.aboveHighest().contains(fraction))
                    {
                        json.writeNumber(fraction);
                    }
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void stats(final JsonGenerator json, final Stats stats) throws IOException
    {
        json.writeObjectFieldStart("stats");
        json.writeNumberField("count", stats.count());
        json.writeNumberField("sum", stats.sum());
        json.writeFieldName("mean");
        finite(json, stats.mean());
        json.writeFieldName("min");
        number(json, stats.min());
        json.writeFieldName("max");
        number(json, stats.max());
        json.writeFieldName("stddev");
        finite(json, stats.stddev());
        json.writeFieldName("last");
        number(json, stats.last());
        json.writeEndObject();
    }

    private static void number(final JsonGenerator json, final Long value) throws IOException
    {
        if (value == null)
        {
            json.writeNull();
        }
        else
        {
            json.writeNumber(value);
        }
    }

    private static void finite(final JsonGenerator json, final Double value) throws IOException
    {
        if (value == null || !Double.isFinite(value))
        {
            json.writeNull();
        }
        else
        {
            json.writeNumber(value);
        }
    }
}

package dev.bridge.analytics.export;

import dev.bridge.analytics.query.SeriesBucket;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * CSV (RFC 4180): a header, then one row per series per bucket with data at the range's resolution, series in
 * snapshot order, buckets oldest first; CRLF line ends; a field holding a comma, a double quote, CR or LF is
 * quoted and its quotes doubled. Columns ({@value #HEADER}):
 * <pre>
 * metric         catalog name                  labels          {name="value",...} in declared order ("" if none;
 * type           counter | gauge | histogram                   \ " and LF escaped as in Prometheus), stable
 * resolution_ms  bucket width                  bucket_start    ISO-8601 UTC instant
 * bucket_start_ms epoch ms                     count, sum, min, max, last   integers, the metric's unit
 * mean           sum / count, plain decimal (no exponent)
 * </pre>
 * Stateless, thread-safe.
 */
final class CsvExportWriter implements ExportWriter
{
    /** The header row. */
    static final String HEADER =
        "metric,type,labels,resolution_ms,bucket_start,bucket_start_ms,count,sum,min,max,mean,last";
    private static final String CRLF = "\r\n";

    @Override
    public Set<SnapshotPart> parts()
    {
        return Set.of(SnapshotPart.BUCKETS);
    }

    @Override
    public void write(final ExportSnapshot snapshot, final OutputStream out) throws IOException
    {
        final Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        csv.write(HEADER);
        csv.write(CRLF);
        final String resolution = Long.toString(snapshot.range().resolutionMs());
        for (final SeriesExport s : snapshot.series())
        {
            final String metric = field(s.metric().name());
            final String type = s.metric().type().name().toLowerCase(Locale.ROOT);
            final String labels = field(LabelText.prometheusStyle(s.labels()));
            for (final SeriesBucket b : s.buckets())
            {
                csv.write(metric);
                csv.write(',');
                csv.write(type);
                csv.write(',');
                csv.write(labels);
                csv.write(',');
                csv.write(resolution);
                csv.write(',');
                csv.write(Instant.ofEpochMilli(b.startMs()).toString());
                csv.write(',');
                csv.write(Long.toString(b.startMs()));
                csv.write(',');
                csv.write(Long.toString(b.count()));
                csv.write(',');
                csv.write(Long.toString(b.sum()));
                csv.write(',');
                csv.write(Long.toString(b.min()));
                csv.write(',');
                csv.write(Long.toString(b.max()));
                csv.write(',');
                csv.write(BigDecimal.valueOf(b.mean()).stripTrailingZeros().toPlainString());
                csv.write(',');
                csv.write(Long.toString(b.last()));
                csv.write(CRLF);
            }
        }
        csv.flush();
    }

    /** @return {@code text} as one RFC 4180 field: quoted, quotes doubled, when it holds , " CR or LF. */
    static String field(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n')
            {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
        }
        return text;
    }
}

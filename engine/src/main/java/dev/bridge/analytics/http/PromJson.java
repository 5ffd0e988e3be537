package dev.bridge.analytics.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.bridge.analytics.promql.Labels;
import dev.bridge.analytics.promql.NativeHistogram;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON of Prometheus' HTTP API, written as Prometheus writes it: the envelope
 * {@code {"status":"success","data":...}} or {@code {"status":"error","errorType":"bad_data","error":"..."}},
 * sample values as strings in Go's shortest form ({@code "2"}, {@code "0.25"}, {@code "+Inf"}, {@code "NaN"}),
 * timestamps as JSON numbers of seconds with millisecond precision ({@code 1435781451.781}, {@code 4}), label sets
 * as objects with sorted keys. Stateless, thread-safe.
 */
final class PromJson
{
    private PromJson()
    {
    }

    /** @return the success envelope around {@code dataJson} (already JSON). */
    static String success(final String dataJson)
    {
        return "{\"status\":\"success\",\"data\":" + dataJson + "}";
    }

    /** @return the error envelope with {@code status}. */
    static Reply error(final int status, final String errorType, final String message)
    {
        final String body = "{\"status\":\"error\",\"errorType\":" + string(errorType) + ",\"error\":" + string(message) + "}";
        return new Reply(status, Reply.JSON, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** @return {@code text} as a JSON string. */
    static String string(final String text)
    {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    /** @return epoch {@code ms} as seconds, without trailing zeros. */
    static String time(final long ms)
    {
        if (ms % 1000 == 0)
        {
            return Long.toString(ms / 1000); // the common case of whole seconds, without BigDecimal
        }
        return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
    }

    /** @return {@code v} as Go's {@code strconv.FormatFloat(v, 'f', -1, 64)} writes it (quoted). */
    static String value(final double v)
    {
        if (Double.isNaN(v))
        {
            return "\"NaN\"";
        }
        if (Double.isInfinite(v))
        {
            return v > 0 ? "\"+Inf\"" : "\"-Inf\"";
        }
        if (v == 0)
        {
            return 1 / v < 0 ? "\"-0\"" : "\"0\"";
        }
        return '"' + new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString() + '"';
    }

    /** @return {@code [time, "value"]}. */
    static String point(final long ms, final double v)
    {
        return "[" + time(ms) + "," + value(v) + "]";
    }

    /** @return {@code [time, {"count":..,"sum":..,"buckets":[..]}]}: a native histogram sample. */
    static String histogramPoint(final long ms, final NativeHistogram h)
    {
        return "[" + time(ms) + "," + histogram(h) + "]";
    }

    /**
     * @return a native histogram as Prometheus 2.42's API writes it: {@code {"count":"10","sum":"3.2",
     *         "buckets":[[boundaryRule,"lower","upper","count"],..]}}, the non-empty buckets in ascending order, the
     *         zero bucket first ({@code [3,"-0","0",".."]}: closed both sides), then the positive buckets (rule 0:
     *         open on the left); no {@code buckets} member when every bucket is empty.
     */
    static String histogram(final NativeHistogram h)
    {
        final StringBuilder out = new StringBuilder(64 + 48 * h.buckets()).append("{\"count\":")
            .append(value(h.count())).append(",\"sum\":").append(value(h.sum()));
        boolean first = true;
        if (h.zeroCount() != 0)
        {
            out.append(",\"buckets\":[[3,").append(value(-0.0)).append(',').append(value(0.0)).append(',')
                .append(value(h.zeroCount())).append(']');
            first = false;
        }
        for (int i = 0; i < h.buckets(); i++)
        {
            if (h.counts()[i] == 0)
            {
                continue;
            }
            out.append(first ? ",\"buckets\":[" : ",").append("[0,").append(value(h.lower(i))).append(',')
                .append(value(h.upper(i))).append(',').append(value(h.counts()[i])).append(']');
            first = false;
        }
        if (!first)
        {
            out.append(']');
        }
        return out.append('}').toString();
    }

    /** @return the label set as a JSON object (keys sorted). */
    static String labels(final Labels labels)
    {
        final StringBuilder out = new StringBuilder("{");
        for (final Map.Entry<String, String> e : labels.map().entrySet())
        {
            if (out.length() > 1)
            {
                out.append(',');
            }
            out.append(string(e.getKey())).append(':').append(string(e.getValue()));
        }
        return out.append('}').toString();
    }
}

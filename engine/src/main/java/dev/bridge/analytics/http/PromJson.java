package dev.bridge.analytics.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.bridge.analytics.promql.Labels;

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

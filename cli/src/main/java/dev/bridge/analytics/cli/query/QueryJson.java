package dev.bridge.analytics.cli.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bridge.analytics.query.Stats;
import dev.bridge.analytics.query.PercentileResult;
import dev.bridge.analytics.query.SeriesPoint;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The JSON answers of the {@code query} commands, strict JSON with absent values as null (never NaN):
 * <ul>
 *   <li>stats: {@code {"count":100,"sum":5050,"mean":50.5,"min":1,"max":100,"stddev":28.86,"last":100}};</li>
 *   <li>percentiles: {@code {"count":100,"mode":"histogram","relative_error":0.001,"values":{"0.5":50,"0.99":99}}},
 *       plus {@code "above_highest":["0.99"]} listing the fractions that fell above the histogram's {@code highest}
 *       (their value is {@code highest}: at least that much), only when there are some;</li>
 *   <li>series: {@code [{"timestamp":1764324000000,"value":99.0,"count":100},...]} (timestamp: interval start, epoch ms),
 *       plus {@code "above_highest":true} on a percentile point that fell above {@code highest}.</li>
 * </ul>
 * Thread-safe: the mapper is shared and only used to build and write trees.
 */
public final class QueryJson
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QueryJson()
    {
    }

    /** @return the stats as a JSON object. */
    public static ObjectNode stats(final Stats stats)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("count", stats.count());
        node.put("sum", stats.sum());
        node.put("mean", finite(stats.mean()));
        node.put("min", stats.min());
        node.put("max", stats.max());
        node.put("stddev", finite(stats.stddev()));
        node.put("last", stats.last());
        return node;
    }

    /** @return the percentiles as a JSON object; {@code values} is keyed by the fractions as given (0.5, 0.99). */
    public static ObjectNode percentiles(final PercentileResult result)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("count", result.count());
        node.put("mode", result.mode());
        node.put("relative_error", result.relativeError());
        final ObjectNode values = node.putObject("values");
        for (final Map.Entry<Double, Long> e : result.values().entrySet())
        {
            values.put(fraction(e.getKey()), e.getValue());
        }
        if (!result.aboveHighest().isEmpty())
        {
            final ArrayNode above = node.putArray("above_highest");
            result.values().keySet().stream().filter(result::isAboveHighest).forEach(p -> above.add(fraction(p)));
        }
        return node;
    }

    /** @return the points as a JSON array. */
    public static ArrayNode series(final List<SeriesPoint> points)
    {
        final ArrayNode array = MAPPER.createArrayNode();
        for (final SeriesPoint p : points)
        {
            final ObjectNode point = array.addObject()
                .put("timestamp", p.timestampMs())
                .put("value", finite(p.value()))
                .put("count", p.count());
            if (p.aboveHighest())
            {
                point.put("above_highest", true);
            }
        }
        return array;
    }

    /** @return {@code text} parsed (for rendering the dashboard's JSON as a table). */
    public static JsonNode parse(final String text)
    {
        try
        {
            return MAPPER.readTree(text);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("invalid JSON: " + ex.getMessage(), ex);
        }
    }

    /** @return {@code node} as one line of JSON. */
    public static String write(final JsonNode node)
    {
        try
        {
            return MAPPER.writeValueAsString(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot write JSON: " + ex.getMessage(), ex);
        }
    }

    /** @return a fraction in its shortest decimal form: 0.5, 0.95, 1, 0.999. */
    static String fraction(final double p)
    {
        return BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }

    private static Double finite(final Double value)
    {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}

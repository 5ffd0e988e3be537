package dev.bridge.analytics.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query string of one request ({@code ?name=value&...}, percent-encoded, {@code +} for a space), checked against
 * the names an endpoint accepts: an unknown name, a name given twice or a parameter without a value is a 400 that
 * names it. Immutable, confined to its request.
 */
final class QueryParameters
{
    private final Map<String, String> values;

    private QueryParameters(final Map<String, String> values)
    {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * @param rawQuery the raw (still encoded) query, or null for none.
     * @param accepted the parameter names the endpoint accepts, in the order its error message lists them.
     * @throws HttpError 400 for malformed encoding, an unknown or repeated name, or an empty value.
     */
    static QueryParameters parse(final String rawQuery, final List<String> accepted)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty())
        {
            return new QueryParameters(values);
        }
        for (final String pair : rawQuery.split("&", -1))
        {
            if (pair.isEmpty())
            {
                continue;
            }
            final int eq = pair.indexOf('=');
            final String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            final String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!accepted.contains(name))
            {
                throw HttpError.badRequest("unknown parameter '" + name + "'" + (accepted.isEmpty() ?
                    ": this path takes no parameters" : "; known: " + String.join(", ", accepted)));
            }
            if (value.isBlank())
            {
                throw HttpError.badParameter(name, "no value given");
            }
            if (values.put(name, value) != null)
            {
                throw HttpError.badParameter(name, "given more than once");
            }
        }
        return new QueryParameters(values);
    }

    /** @return the value of {@code name}, or null when it is absent. */
    String get(final String name)
    {
        return values.get(name);
    }

    /** @return the value of {@code name}, or {@code fallback} when it is absent. */
    String get(final String name, final String fallback)
    {
        return values.getOrDefault(name, fallback);
    }

    /** @throws HttpError 400 when {@code name} is absent. */
    String required(final String name)
    {
        final String value = values.get(name);
        if (value == null)
        {
            throw HttpError.badParameter(name, "missing");
        }
        return value;
    }

    private static String decode(final String raw)
    {
        try
        {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        }
        catch (final IllegalArgumentException ex)
        {
            throw HttpError.badRequest("malformed query string: " + ex.getMessage());
        }
    }
}

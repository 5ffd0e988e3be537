package dev.bridge.analytics.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query string of one request ({@code ?name=value&...}, percent-encoded, {@code +} for a space), checked against
 * the names an endpoint accepts: an unknown name, a name given twice or a parameter without a value is a 400 that
 * names it. The Prometheus API's parameters are read {@link #lenient leniently} instead, from the query string and a
 * form body, as Prometheus reads them. Immutable, confined to its request.
 */
final class QueryParameters
{
    private final Map<String, String> values;
    /** Every value of every name, in the order given (the lenient form; the strict one has one value per name). */
    private final Map<String, List<String>> all;

    private QueryParameters(final Map<String, String> values)
    {
        this.values = Collections.unmodifiableMap(values);
        final Map<String, List<String>> lists = new LinkedHashMap<>();
        values.forEach((k, v) -> lists.put(k, List.of(v)));
        this.all = Collections.unmodifiableMap(lists);
    }

    private QueryParameters(final Map<String, String> first, final Map<String, List<String>> all)
    {
        this.values = Collections.unmodifiableMap(first);
        this.all = Collections.unmodifiableMap(all);
    }

    /**
     * Reads parameters as Prometheus' HTTP API does (Go's {@code Request.ParseForm}): any name, repeated names
     * ({@code match[]}), empty values; the form body's values come before the query string's, and {@link #get} is
     * the first value.
     *
     * @param rawQuery the raw query string, or null.
     * @param formBody the raw {@code application/x-www-form-urlencoded} body, or null.
     * @throws HttpError 400 for malformed percent-encoding.
     */
    static QueryParameters lenient(final String rawQuery, final String formBody)
    {
        final Map<String, List<String>> all = new LinkedHashMap<>();
        for (final String raw : new String[] { formBody, rawQuery })
        {
            if (raw == null || raw.isEmpty())
            {
                continue;
            }
            for (final String pair : raw.split("&", -1))
            {
                if (pair.isEmpty())
                {
                    continue;
                }
                final int eq = pair.indexOf('=');
                final String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                final String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                all.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        final Map<String, String> first = new LinkedHashMap<>();
        all.forEach((k, v) -> first.put(k, v.get(0)));
        all.replaceAll((k, v) -> List.copyOf(v));
        return new QueryParameters(first, all);
    }

    /** @return every value of {@code name}, in the order given (empty when absent). */
    List<String> all(final String name)
    {
        return all.getOrDefault(name, List.of());
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

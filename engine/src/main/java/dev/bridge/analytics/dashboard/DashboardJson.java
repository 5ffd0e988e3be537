package dev.bridge.analytics.dashboard;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Renders a {@link Dashboard} as strict JSON (RFC 8259): one object with the snake_case names of the dashboard's
 * javadoc ({@code timestamp, range{name, from_ms, to_ms, resolution_ms}, operations{reads_per_second, ...},
 * performance{...}, cache{...}, optimizations{...}, health{...}}), every field present, absent values as
 * {@code null}, never {@code NaN} or {@code Infinity} (a non-finite number would be written as null).
 * <pre>{@code
 * {"timestamp":1764324000500,"range":{"name":"last_minute","from_ms":1764323941000,"to_ms":1764324001000,
 *  "resolution_ms":1000},"operations":{"reads_per_second":2.01,"writes_per_second":0.33,"total_operations":145},...}
 * }</pre>
 * Thread-safe: the writer is immutable and shared.
 */
public final class DashboardJson
{
    private static final ObjectWriter WRITER = mapper().writer();

    private DashboardJson()
    {
    }

    /** @return the dashboard as one line of JSON. */
    public static String toJson(final Dashboard dashboard)
    {
        try
        {
            return WRITER.writeValueAsString(dashboard);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot render the dashboard as JSON: " + ex.getMessage(), ex);
        }
    }

    /** Writes the dashboard as JSON to {@code out} and flushes it; {@code out} stays open. */
    public static void write(final Dashboard dashboard, final OutputStream out)
    {
        try
        {
            WRITER.writeValue(out, dashboard);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the dashboard as JSON: " + ex.getMessage(), ex);
        }
    }

    private static ObjectMapper mapper()
    {
        return JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE) // nulls are written: inclusion stays ALWAYS
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .addModule(FiniteDoubleSerializer.module())
            .build();
    }
}

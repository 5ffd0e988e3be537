package dev.bridge.analytics.http;

import dev.bridge.analytics.dashboard.FiniteDoubleSerializer;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Strict JSON (RFC 8259) for the API's own bodies: objects as given (maps keep their order, records their component
 * order), nulls written, a non-finite double written as null. Thread-safe: the writer is immutable and shared.
 */
final class Json
{
    private static final ObjectWriter WRITER = JsonMapper.builder()
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .addModule(FiniteDoubleSerializer.module())
        .build()
        .writer();

    private Json()
    {
    }

    /** @return {@code value} as one line of JSON. */
    static String write(final Object value)
    {
        try
        {
            return WRITER.writeValueAsString(value);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot render JSON: " + ex.getMessage(), ex);
        }
    }

    /** @return the error reply {@code {"error": message}} with {@code status}. */
    static Reply error(final int status, final String message)
    {
        return new Reply(status, Reply.JSON, write(Map.of("error", message)).getBytes(StandardCharsets.UTF_8), Map.of());
    }
}

package dev.bridge.analytics.dashboard;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * Writes a non-finite double as null, keeping Jackson's output strict JSON (RFC 8259 has no NaN or Infinity): for
 * every JSON body the engine writes (the dashboard, the HTTP API). Stateless, thread-safe.
 */
public final class FiniteDoubleSerializer extends StdSerializer<Double>
{
    private static final long serialVersionUID = 1L;

    private FiniteDoubleSerializer()
    {
        super(Double.class);
    }

    /** @return a Jackson module that writes every {@code Double} through this serializer. */
    public static SimpleModule module()
    {
        return new SimpleModule("finite-numbers").addSerializer(Double.class, new FiniteDoubleSerializer());
    }

    @Override
    public void serialize(final Double value, final JsonGenerator gen, final SerializerProvider provider)
        throws IOException
    {
        if (Double.isFinite(value))
        {
            gen.writeNumber(value);
        }
        else
        {
            gen.writeNull();
        }
    }
}

package dev.bridge.analytics.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Jackson deserializers for the YAML spellings of durations ({@code 100ms}, {@code 24h}) and enums (lower case:
 * {@code busy_spin}). Their errors are {@link ValueException}s with a complete problem text; Jackson adds the path.
 * Stateless, thread-safe.
 */
final class ConfigDeserializers
{
    private ConfigDeserializers()
    {
    }

    /** @return a module with the duration deserializer and one lower-case deserializer per config enum. */
    static SimpleModule module()
    {
        final SimpleModule module = new SimpleModule("bridge-analytics-config");
        module.addDeserializer(Duration.class, new DurationDeserializer());
        addEnum(module, MetricType.class);
        addEnum(module, WaitStrategyType.class);
        addEnum(module, OverflowPolicy.class);
        addEnum(module, PipelineThreading.class);
        addEnum(module, StatsdFlavour.class);
        addEnum(module, ReceiverType.class);
        addEnum(module, StatsdMatchType.class);
        addEnum(module, StatsdUnmappedPolicy.class);
        addEnum(module, TelemetryMetricType.class);
        return module;
    }

    private static <E extends Enum<E>> void addEnum(final SimpleModule module, final Class<E> type)
    {
        module.addDeserializer(type, new LowerCaseEnumDeserializer<>(type));
    }

    /** @return the YAML spelling of an enum constant: {@code BUSY_SPIN} is {@code busy_spin}. */
    static String spelling(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** @return the YAML spellings of all constants, e.g. {@code counter, histogram, gauge}. */
    static String spellings(final Class<? extends Enum<?>> type)
    {
        return Arrays.stream(type.getEnumConstants()).map(ConfigDeserializers::spelling)
            .collect(Collectors.joining(", "));
    }

    /** A value that has the right YAML shape but a wrong content; the message is the whole problem. */
    static final class ValueException extends JsonMappingException
    {
        private static final long serialVersionUID = 1L;

        ValueException(final JsonParser p, final String problem)
        {
            super(p, problem);
        }
    }

    /** {@code 100ms}, {@code 1s}, {@code 5m}, {@code 24h}, {@code 7d}, or {@code 0}. */
    static final class DurationDeserializer extends StdScalarDeserializer<Duration>
    {
        private static final long serialVersionUID = 1L;

        DurationDeserializer()
        {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException
        {
            final JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT && "0".equals(p.getText()))
            {
                return Duration.ZERO;
            }
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
            {
                throw new ValueException(p, "the duration " + p.getText() + " has no unit: expected " + Durations.SYNTAX);
            }
            if (token != JsonToken.VALUE_STRING)
            {
                throw new ValueException(p, "expected a duration, " + Durations.SYNTAX + ", got " +
                    YamlPositions.describe(p));
            }
            try
            {
                return Durations.parse(p.getText().strip());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ValueException(p, ex.getMessage());
            }
        }
    }

    /** Lower-case names of the constants; an unknown value is reported with the allowed ones. */
    static final class LowerCaseEnumDeserializer<E extends Enum<E>> extends StdScalarDeserializer<E>
    {
        private static final long serialVersionUID = 1L;

        private final Class<E> type;

        LowerCaseEnumDeserializer(final Class<E> type)
        {
            super(type);
            this.type = type;
        }

        @Override
        public E deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException
        {
            if (p.currentToken() != JsonToken.VALUE_STRING)
            {
                throw new ValueException(p, "expected one of " + spellings(type) + ", got " + YamlPositions.describe(p));
            }
            final String text = p.getText();
            for (final E value : type.getEnumConstants())
            {
                if (spelling(value).equals(text))
                {
                    return value;
                }
            }
            String hint = "";
            for (final E value : type.getEnumConstants())
            {
                if (spelling(value).equalsIgnoreCase(text.strip().replace('-', '_')))
                {
                    hint = " (did you mean '" + spelling(value) + "'?)";
                }
            }
            throw new ValueException(p, "unknown value '" + text + "'" + hint + "; allowed: " + spellings(type));
        }
    }
}

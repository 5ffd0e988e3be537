package dev.bridge.analytics.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds YAML text to {@link ConfigDto} with Jackson and turns every Jackson error into a {@link ConfigException}
 * placed by {@link YamlPositions}: unknown keys (strict), duplicate keys (strict), values of the wrong type (no
 * coercion between strings, numbers and booleans, no float for an integer), empty values, unknown enum values and
 * bad durations. Thread-safe: the mapper is configured once and only read.
 */
final class ConfigBinder
{
    private static final YAMLMapper MAPPER = mapper();
    private static final ObjectReader READER = MAPPER.readerFor(ConfigDto.class);

    private ConfigBinder()
    {
    }

    private static YAMLMapper mapper()
    {
        final YAMLFactory factory = YamlLimits.factory(true);
        final YAMLMapper mapper = YAMLMapper.builder(factory)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL, Nulls.FAIL))
            .addModule(ConfigDeserializers.module())
            .build();
        for (final CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.EmptyString,
            CoercionInputShape.Float, CoercionInputShape.Boolean))
        {
            mapper.coercionConfigFor(LogicalType.Integer).setCoercion(shape, CoercionAction.Fail);
        }
        for (final CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
            CoercionInputShape.Boolean))
        {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (final CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.EmptyString,
            CoercionInputShape.Boolean))
        {
            mapper.coercionConfigFor(LogicalType.Float).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Collection).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    /**
     * @param yaml      the document, already checked by {@link YamlPositions#scan}.
     * @param positions where its keys and values are.
     * @return the bound document, not yet validated.
     */
    static ConfigDto bind(final String yaml, final YamlPositions positions) throws ConfigException
    {
        try
        {
            return READER.readValue(yaml);
        }
        catch (final UnrecognizedPropertyException ex)
        {
            final String field = path(ex);
            throw positions.errorAtKey(field, unknownKey(ex.getPropertyName(), keysOf(ex.getReferringClass())));
        }
        catch (final ConfigDeserializers.ValueException ex)
        {
            throw positions.errorAtValue(path(ex), ex.getOriginalMessage());
        }
        catch (final InvalidNullException ex)
        {
            final String field = path(ex);
            throw positions.errorAtValue(field, "expected " + kind(ex.getTargetType()) + ", got an empty value");
        }
        catch (final MismatchedInputException ex)
        {
            final String field = path(ex);
            final String got = positions.describe(field);
            final boolean quote = ex.getTargetType() == String.class &&
                (got.startsWith("the number") || got.startsWith("the boolean"));
            throw positions.errorAtValue(field, "expected " + kind(ex.getTargetType()) + ", got " + got +
                (quote ? " (put it in quotes)" : ""));
        }
        catch (final JsonMappingException ex)
        {
            final String field = path(ex);
            if (ex.getCause() instanceof InputCoercionException)
            {
                final Class<?> target = ((InputCoercionException)ex.getCause()).getTargetType();
                final long max = target == int.class || target == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
                throw positions.errorAtValue(field, positions.describe(field) + " is out of range (at most " + max + ")");
            }
            throw positions.errorAtValue(field, ex.getOriginalMessage());
        }
        catch (final StreamReadException ex)
        {
            final YamlPositions.Position at = YamlPositions.position(ex.getLocation());
            throw positions.error("", at, ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex); // reading a String does not fail
        }
    }

    /** @return the YAML keys of a DTO class, in declaration order. */
    static List<String> keysOf(final Class<?> dtoClass)
    {
        return MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(dtoClass)).findProperties().stream()
            .map(BeanPropertyDefinition::getName)
            .collect(Collectors.toList());
    }

    /** @return the dotted path of the value an exception is about: {@code metrics.x.labels[1]}. */
    static String path(final JsonMappingException ex)
    {
        final StringBuilder sb = new StringBuilder();
        for (final JsonMappingException.Reference ref : ex.getPath())
        {
            if (ref.getFieldName() != null)
            {
                if (sb.length() > 0)
                {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            }
            else if (ref.getIndex() >= 0)
            {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String unknownKey(final String key, final List<String> allowed)
    {
        final String best = NameSuggestions.nearest(key, allowed, 3);
        return "unknown key '" + key + "'" + (best == null ? "" : " (did you mean '" + best + "'?)") +
            "; allowed keys: " + String.join(", ", allowed);
    }

    private static String kind(final Class<?> type)
    {
        if (type == null)
        {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class)
        {
            return "an integer";
        }
        if (type == String.class)
        {
            return "a string";
        }
        if (type == Double.class || type == double.class)
        {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class)
        {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type))
        {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type))
        {
            return "a mapping";
        }
        if (type == ConfigDto.Metric.class)
        {
            return "a mapping with type, unit and help";
        }
        if (type == ConfigDto.Histogram.class)
        {
            return "a mapping with lowest, highest and significant_digits";
        }
        if (type == ConfigDto.Rule.class)
        {
            return "a mapping with name, expr, comparator, threshold and severity";
        }
        if (type.getEnclosingClass() == ConfigDto.class || type == ConfigDto.class)
        {
            return "a mapping";
        }
        return "a value of type " + type.getSimpleName();
    }
}

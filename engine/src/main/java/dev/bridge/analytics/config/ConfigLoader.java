package dev.bridge.analytics.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the YAML configuration in three steps: {@link YamlPositions} records where every key and value is (and
 * rejects syntax errors, empty files, non-mappings and duplicate keys), {@link ConfigBinder} binds the text to typed
 * DTOs with Jackson (unknown keys, wrong types, bad enum values and durations), {@link ConfigValidator} checks the
 * meaning and builds the {@link EngineConfig}. Every problem is a {@link ConfigException} with file, line, column and
 * field.
 * <p>
 * A relative {@code engine.data_directory} resolves against the directory holding the YAML file when the
 * configuration is {@link #load loaded from a file}, and stays relative (to the working directory) for
 * {@link #parse} and {@link #defaults}.
 * <p>
 * Stateless apart from the cached defaults; thread-safe.
 */
final class ConfigLoader
{
    private static volatile EngineConfig defaults;

    private ConfigLoader()
    {
    }

    /** @see EngineConfig#load(Path) */
    static EngineConfig load(final Path file) throws ConfigException
    {
        final String name = file.toString();
        final String yaml;
        try
        {
            final long size = Files.size(file);
            if (size > YamlLimits.MAX_CHARS)
            {
                throw new ConfigException(name, 0, 0, "", tooLong(size + " bytes"));
            }
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            throw new ConfigException(name, 0, 0, "", "no such file", ex);
        }
        catch (final CharacterCodingException ex)
        {
            throw new ConfigException(name, 0, 0, "", "not a UTF-8 text file", ex);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(name, 0, 0, "", "cannot read the file: " + ex, ex);
        }
        return read(yaml, name, file.toAbsolutePath().normalize().getParent());
    }

    /** @see EngineConfig#parse(String, String) */
    static EngineConfig parse(final String yaml, final String sourceName) throws ConfigException
    {
        return read(yaml, sourceName, null);
    }

    /** @see EngineConfig#defaults() */
    static EngineConfig defaults()
    {
        EngineConfig config = defaults;
        if (config == null)
        {
            config = readDefaults();
            defaults = config;
        }
        return config;
    }

    private static EngineConfig readDefaults()
    {
        final String name = "classpath:" + EngineConfig.DEFAULT_RESOURCE;
        try (InputStream in = ConfigLoader.class.getResourceAsStream(EngineConfig.DEFAULT_RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException(name + " is missing: the engine jar is incomplete");
            }
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), name, null);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + name, ex);
        }
        catch (final ConfigException ex)
        {
            throw new IllegalStateException("the bundled configuration is invalid: " + ex.getMessage(), ex);
        }
    }

    private static String tooLong(final String length)
    {
        return "the file is " + length + " long, more than the " + YamlLimits.MAX_CHARS +
            " a configuration may have (the bundled one is about 25,000)";
    }

    private static EngineConfig read(final String yaml, final String source, final Path baseDirectory)
        throws ConfigException
    {
        if (yaml.length() > YamlLimits.MAX_CHARS)
        {
            throw new ConfigException(source, 0, 0, "", tooLong(yaml.length() + " characters"));
        }
        final YamlPositions positions = YamlPositions.scan(yaml, source);
        final ConfigDto dto = ConfigBinder.bind(yaml, positions);
        return new ConfigValidator(source, positions, baseDirectory).toConfig(dto);
    }
}

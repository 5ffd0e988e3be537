package dev.bridge.analytics.cli;

import dev.bridge.analytics.config.EngineConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled configuration with a smaller store, as a file (the engine allocates the store's files up front), for
 * tests that start a serving command. Stateless; thread-safe for distinct directories.
 */
public final class SmallStoreConfig
{
    private SmallStoreConfig()
    {
    }

    /** @return {@code dir/analytics.yaml}, written on the first call. */
    public static Path in(final Path dir) throws IOException
    {
        final Path file = dir.resolve("analytics.yaml");
        if (!Files.exists(file))
        {
            final String yaml;
            try (InputStream in = EngineConfig.class.getResourceAsStream(EngineConfig.DEFAULT_RESOURCE))
            {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(yaml.contains("store_entries: 600000"), "the bundled configuration sets store_entries");
            Files.writeString(file, yaml.replace("store_entries: 600000", "store_entries: 100000"));
        }
        return file;
    }
}

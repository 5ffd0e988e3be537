package dev.bridge.analytics.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code docs/configuration.md} shows the ranges the validator enforces: its table is {@link ConfigRanges#markdownTable()}. */
class ConfigurationDocTest
{
    @Test
    void shouldDocumentEveryRangeAsEnforced() throws IOException
    {
        final Path doc = Path.of("..", "docs", "configuration.md");
        final String table = ConfigRanges.markdownTable();
        final String text = Files.readString(doc);
        if (!text.contains(table))
        {
            Files.writeString(Path.of("target", "configuration-table.md"), table);
        }
        assertTrue(text.contains(table), "docs/configuration.md differs from the ranges: see target/configuration-table.md");
    }
}

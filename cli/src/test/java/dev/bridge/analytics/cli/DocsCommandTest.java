package dev.bridge.analytics.cli;

import dev.bridge.analytics.cli.query.CommandRun;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricsDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code analytics docs}: the catalog document of a configuration, and a configuration error's exit and message. */
class DocsCommandTest
{
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void shouldWriteTheCatalogOfTheGivenConfiguration(@TempDir final Path dir) throws Exception
    {
        final Path yaml = ROOT.resolve("config/analytics.yaml");
        final Path out = dir.resolve("docs/metrics.md");
        final CommandRun run = CommandRun.of("docs", "--config", yaml.toString(), "--out", out.toString());
        final EngineConfig config = EngineConfig.load(yaml);
        assertEquals(0, run.exit(), run.toString());
        assertEquals("wrote " + out + " (" + config.metrics().size() + " metrics from " + config.source() + ")",
            run.line());
        assertEquals(MetricsDoc.render(config), Files.readString(out, StandardCharsets.UTF_8));
        assertEquals(Files.readString(ROOT.resolve("docs/metrics.md"), StandardCharsets.UTF_8),
            Files.readString(out, StandardCharsets.UTF_8), "docs/metrics.md is what the command writes");
    }

    @Test
    void shouldExitWithUsageAndTheFilesPositionOnABadConfiguration(@TempDir final Path dir) throws Exception
    {
        final Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "engine:\n  store_entries: -1\n");
        final CommandRun run = CommandRun.of("docs", "--config", yaml.toString(), "--out", dir.resolve("m.md").toString());
        assertEquals(2, run.exit(), run.toString());
        assertEquals(yaml + ":2:18: engine.store_entries: store_entries must be in 1..100000000, was -1\n", run.err());
        assertFalse(Files.exists(dir.resolve("m.md")), "nothing written");
    }
}

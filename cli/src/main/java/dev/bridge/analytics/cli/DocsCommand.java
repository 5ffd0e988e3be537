package dev.bridge.analytics.cli;

import dev.bridge.analytics.config.ConfigException;
import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.MetricsDoc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code analytics docs}: writes the metric catalog of a configuration as Markdown ({@link MetricsDoc#render}),
 * {@code docs/metrics.md} by default, and prints one line: the file, how many metrics, from which configuration.
 * A configuration error exits with {@link ExitCodes#USAGE} and its {@code file:line:column: field: problem} message.
 * Thread-safety: one instance per command line; {@link #call()} runs once on one thread.
 */
@Command(
    name = "docs",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Write the metric catalog of a configuration as Markdown (docs/metrics.md).")
public final class DocsCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
        description = "The configuration whose catalog is written (default: config/analytics.yaml when the working " +
            "directory has it, else the bundled one).")
    Path config;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "docs/metrics.md",
        description = "The Markdown file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws ConfigException, IOException
    {
        final EngineConfig engineConfig = ConfigFiles.load(config);
        final Path parent = out.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        Files.writeString(out, MetricsDoc.render(engineConfig), StandardCharsets.UTF_8);
        spec.commandLine().getOut().println("wrote " + out + " (" + engineConfig.metrics().size() + " metrics from " +
            engineConfig.source() + ")");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

package dev.bridge.analytics.cli;

import dev.bridge.analytics.config.EngineConfig;
import dev.bridge.analytics.config.RemoteWriteSettings;
import dev.bridge.analytics.remote.RemoteWriteCounts;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --remote-write URL} and {@code --remote-write-label NAME=VALUE} options of {@code bench} and
 * {@code serve}: turn the Prometheus remote-write exporter on, over the configuration's {@code export.remote_write}
 * settings. Not thread-safe: picocli fills it, the command's thread reads it.
 */
public final class RemoteWriteOptions
{
    @Option(names = "--remote-write", paramLabel = "URL",
        description = "Push the engine's metrics to this Prometheus remote-write endpoint " +
            "(e.g. http://127.0.0.1:9090/api/v1/write), with the configuration's export.remote_write settings; " +
            "close() pushes what is left before the command ends.")
    URI url;

    @Option(names = "--remote-write-label", paramLabel = "NAME=VALUE",
        description = "An external label added to every pushed series (repeatable; e.g. instance=node-a), over the " +
            "configuration's export.remote_write.external_labels.")
    Map<String, String> labels = new LinkedHashMap<>();

    /**
     * @return {@code config} with remote write enabled when {@code --remote-write} was given, else unchanged.
     * @throws IllegalArgumentException for a URL or label the settings refuse (the message says which).
     */
    public EngineConfig apply(final EngineConfig config)
    {
        if (url == null)
        {
            if (!labels.isEmpty())
            {
                throw new IllegalArgumentException("--remote-write-label needs --remote-write URL");
            }
            return config;
        }
        final RemoteWriteSettings configured = config.export().remoteWrite();
        final Map<String, String> external = new LinkedHashMap<>(configured.externalLabels());
        external.putAll(labels);
        return config.withExport(config.export().withRemoteWrite(
            configured.enabledAt(url).withExternalLabels(external)));
    }

    /** @return one line of what the exporter delivered, for the command's summary. */
    public static String summary(final RemoteWriteCounts exporter)
    {
        return String.format("remote write: %,d requests, %,d samples and %,d native histograms acknowledged, " +
                "%,d failed attempts, %,d samples dropped (4xx), %,d steps folded (older than raw_retention)",
            exporter.requests(), exporter.samplesSent(), exporter.histogramsSent(), exporter.failedAttempts(),
            exporter.droppedSamples(), exporter.foldedSteps());
    }
}

package dev.bridge.analytics.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The limits a configuration document must stay within, and the YAML factory that enforces them (Jackson's
 * {@link StreamReadConstraints} and snakeyaml's {@link LoaderOptions}): at most {@value #MAX_NESTING_DEPTH} levels of
 * nesting (the deepest key of a valid file is 7 levels down) and {@value #MAX_CHARS} characters (the bundled file
 * has about 25,000; {@code ConfigLoader} checks a file's size before reading it). A document beyond a limit is
 * refused with one line ({@link ConfigException}), before anything is bound. Constants and a factory; thread-safe.
 */
final class YamlLimits
{
    /** Deepest nesting of mappings and lists. */
    static final int MAX_NESTING_DEPTH = 32;
    /** Longest document, in characters (and longest file, in bytes). */
    static final int MAX_CHARS = 4 << 20;

    private YamlLimits()
    {
    }

    /** @return a YAML factory with the limits and YAMLFactory's default parser features; duplicates detected if asked. */
    static YAMLFactory factory(final boolean strictDuplicates)
    {
        final LoaderOptions loader = new LoaderOptions();
        loader.setNestingDepthLimit(MAX_NESTING_DEPTH);
        loader.setCodePointLimit(MAX_CHARS);
        loader.setAllowDuplicateKeys(true); // reported with both lines by YamlPositions, not by snakeyaml
        // rebuild() keeps YAMLFactory's default parser features; YAMLFactory.builder() starts with none of them
        // (2.23: EMPTY_STRING_AS_NULL would be off and an empty "engine:" section would read as "").
        final var builder = new YAMLFactory().rebuild()
            .loaderOptions(loader)
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxDocumentLength(MAX_CHARS)
                .build());
        if (strictDuplicates)
        {
            builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        }
        return builder.build();
    }
}

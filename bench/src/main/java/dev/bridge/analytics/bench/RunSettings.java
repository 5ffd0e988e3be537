package dev.bridge.analytics.bench;

import dev.bridge.analytics.config.EngineSettings;

/**
 * What a load run ran with, for the reports. Immutable; thread-safe.
 *
 * @param producers     producer threads.
 * @param configSource  file or resource of the configuration.
 * @param store         the store directory.
 * @param storeKept     true for a {@code --store} directory (kept, may hold history), false for a temporary one.
 * @param engine        the engine settings after the command's overrides.
 * @param jdk           java.version and java.vendor.
 * @param cpus          available processors.
 */
public record RunSettings(
    int producers, String configSource, String store, boolean storeKept, EngineSettings engine, String jdk, int cpus)
{
    /** @return the JDK of this JVM, e.g. {@code 17.0.15 (Debian)}. */
    public static String currentJdk()
    {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }
}

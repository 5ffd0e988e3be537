package dev.bridge.analytics.config;

/** The StatsD dialect of the StatsD export and push. YAML: {@code etsy} or {@code dogstatsd}. */
public enum StatsdFlavour
{
    /** Etsy's line protocol: {@code name:value|type}; labels are folded into the name. */
    ETSY,
    /** DataDog's extension: {@code name:value|type|#label:value,...}. */
    DOGSTATSD
}

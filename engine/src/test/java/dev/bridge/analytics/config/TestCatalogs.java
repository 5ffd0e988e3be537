package dev.bridge.analytics.config;

/** Catalog text the configuration tests start from. Constants, thread-safe. */
final class TestCatalogs
{
    /** A {@code metrics:} section with one histogram, {@code read_latency_us}; append further metrics at two spaces. */
    static final String READ_LATENCY = """
        metrics:
          read_latency_us:
            type: histogram
            unit: microseconds
            help: Read latency.
            histogram: { lowest: 1, highest: 60000000, significant_digits: 3 }
        """;

    private TestCatalogs()
    {
    }
}

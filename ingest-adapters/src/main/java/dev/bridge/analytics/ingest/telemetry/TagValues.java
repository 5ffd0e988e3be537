package dev.bridge.analytics.ingest.telemetry;

/**
 * The tag values of one emit, without an array for up to two of them: {@code first}, {@code second}, or
 * {@code many}. A null value reads as "". Stateless helpers, thread-safe, allocation-free.
 */
final class TagValues
{
    private TagValues()
    {
    }

    static String at(final int index, final String first, final String second, final String[] many)
    {
        final String value = many != null ? many[index] : index == 0 ? first : second;
        return value == null ? "" : value;
    }
}

package dev.bridge.analytics.bench.jmh;

/**
 * Replaces the generated JMH section of a markdown file, delimited by {@link #BEGIN} and {@link #END}, and keeps
 * every other byte of the file. Stateless, thread-safe.
 */
final class MarkdownSection
{
    static final String BEGIN = "<!-- jmh:begin -->";
    static final String END = "<!-- jmh:end -->";

    private MarkdownSection()
    {
    }

    /**
     * @param existing the file's text ("" when it does not exist).
     * @param body     the section's content, without the markers.
     * @return the text with the markers and {@code body} between them: in place of the old section if the markers
     *         are there, else appended at the end.
     * @throws IllegalArgumentException if only one marker is present or they are out of order.
     */
    static String replace(final String existing, final String body)
    {
        final String section = BEGIN + "\n" + (body.endsWith("\n") ? body : body + "\n") + END;
        final int begin = existing.indexOf(BEGIN);
        final int end = existing.indexOf(END);
        if (begin < 0 && end < 0)
        {
            if (existing.isEmpty())
            {
                return section + "\n";
            }
            return existing + (existing.endsWith("\n") ? "\n" : "\n\n") + section + "\n";
        }
        if (begin < 0 || end < begin)
        {
            throw new IllegalArgumentException(
                "found " + (begin < 0 ? END + " without " + BEGIN : END + " before " + BEGIN));
        }
        return existing.substring(0, begin) + section + existing.substring(end + END.length());
    }
}

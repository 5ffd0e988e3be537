package dev.bridge.analytics.bench.jmh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MarkdownSectionTest
{
    @Test
    void shouldReplaceOnlyTheTextBetweenTheMarkers()
    {
        final String existing = "# Results\n\nload run\n<!-- jmh:begin -->\nold\n<!-- jmh:end -->\ntail\n";

        assertEquals("# Results\n\nload run\n<!-- jmh:begin -->\nnew\n<!-- jmh:end -->\ntail\n",
            MarkdownSection.replace(existing, "new"));
    }

    @Test
    void shouldAppendTheSectionWhenTheMarkersAreMissing()
    {
        assertEquals("# Results\n\n<!-- jmh:begin -->\nnew\n<!-- jmh:end -->\n", MarkdownSection.replace("# Results\n", "new\n"));
        assertEquals("<!-- jmh:begin -->\nnew\n<!-- jmh:end -->\n", MarkdownSection.replace("", "new"));
    }

    @Test
    void shouldRefuseAnEndMarkerWithoutABeginMarker()
    {
        assertThrows(IllegalArgumentException.class, () -> MarkdownSection.replace("x\n<!-- jmh:end -->\n", "new"));
    }
}

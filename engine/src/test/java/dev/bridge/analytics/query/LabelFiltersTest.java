package dev.bridge.analytics.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link LabelFilters}: the one {@code name=value} syntax of {@code --labels} and {@code labels=}. */
class LabelFiltersTest
{
    @Test
    void shouldReadNameValuePairsInOrder()
    {
        final Map<String, String> labels = LabelFilters.parse(" operation = read,code=,url=http://x/?a=b", "labels=");

        assertEquals(Map.of("operation", "read", "code", "", "url", "http://x/?a=b"), labels);
        assertEquals(List.of("operation", "code", "url"), List.copyOf(labels.keySet()));
        assertEquals(Map.of(), LabelFilters.parse(null, "labels="));
        assertEquals(Map.of(), LabelFilters.parse(" ", "--labels "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        operation:read                   | 'operation:read' uses ':'; write labels=operation=read
        operation:read,code:UNAVAILABLE  | 'operation:read' uses ':'; write labels=operation=read,code=UNAVAILABLE
        operation=read,code:UNAVAILABLE  | 'code:UNAVAILABLE' uses ':'; write labels=operation=read,code=UNAVAILABLE
        operation                        | 'operation' is not a label: use name=value pairs separated by commas (labels=operation=read,code=UNAVAILABLE)
        =read                            | '=read' is not a label: use name=value pairs separated by commas (labels=operation=read,code=UNAVAILABLE)
        :read                            | ':read' is not a label: use name=value pairs separated by commas (labels=operation=read,code=UNAVAILABLE)
        operation=read,                  | '' is not a label: use name=value pairs separated by commas (labels=operation=read,code=UNAVAILABLE)
        operation=read,operation=write   | label 'operation' is given twice in 'operation=read,operation=write'
        """)
    void shouldRefuseOtherSpellingsNamingTheRightOne(final String text, final String message)
    {
        assertEquals(message,
            assertThrows(IllegalArgumentException.class, () -> LabelFilters.parse(text, "labels=")).getMessage());
    }
}

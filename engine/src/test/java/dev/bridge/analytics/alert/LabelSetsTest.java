package dev.bridge.analytics.alert;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Label set fingerprints, formatting and common labels, as Prometheus and Alertmanager compute them. */
class LabelSetsTest
{
    @Test
    void shouldFingerprintLikePrometheus()
    {
        // prometheus/common model/signature_test.go: 5799056148416392346 and the empty signature 14695981039346656037
        assertEquals(Long.toHexString(5799056148416392346L),
            LabelSets.fingerprint(Map.of("name", "garland, briggs", "fear", "love is not enough")));
        assertEquals(Long.toUnsignedString(0xcbf29ce484222325L, 16), LabelSets.fingerprint(Map.of()));
        assertEquals("cbf29ce484222325", LabelSets.fingerprint(Map.of()));
    }

    @Test
    void shouldFormatSortedAndEscaped()
    {
        assertEquals("{alertname=\"x\", z=\"a \\\"b\\\" \\\\ c\"}", LabelSets.format(Map.of("z", "a \"b\" \\ c", "alertname", "x")));
        assertEquals("{}", LabelSets.format(Map.of()));
    }

    @Test
    void shouldKeepOnlyLabelsEqualInEverySet()
    {
        assertEquals(Map.of("a", "1"), LabelSets.common(List.of(Map.of("a", "1", "b", "2"), Map.of("a", "1", "b", "3"))));
        assertEquals(Map.of(), LabelSets.common(List.of()));
    }
}

package dev.bridge.analytics.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Golden files under {@code src/test/resources/export/}: exact bytes; a mismatch writes the actual bytes next to target/. */
final class Golden
{
    private Golden()
    {
    }

    /** Asserts that {@code actual} equals the golden file {@code name}, byte for byte. */
    static void assertMatches(final String name, final byte[] actual) throws IOException
    {
        final Path written = Path.of("target", "golden-actual", name);
        Files.createDirectories(written.getParent());
        Files.write(written, actual);
        try (InputStream expected = Golden.class.getResourceAsStream("/export/" + name))
        {
            assertNotNull(expected, "no golden file export/" + name + "; the actual output is in " + written.toAbsolutePath());
            assertEquals(new String(expected.readAllBytes(), StandardCharsets.UTF_8),
                new String(actual, StandardCharsets.UTF_8),
                "export/" + name + " differs; the actual output is in " + written.toAbsolutePath());
        }
    }
}

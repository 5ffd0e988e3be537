package dev.bridge.analytics.bench.jmh;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmFlagsTest
{
    @Test
    void shouldForkWithTheFlagsOfTheParentPom() throws Exception
    {
        final Path pom = Path.of("..", "pom.xml");
        final Matcher m = Pattern.compile("<analytics\\.jvm\\.flags>(.*?)</analytics\\.jvm\\.flags>")
            .matcher(Files.readString(pom));

        assertTrue(m.find(), "analytics.jvm.flags in " + pom.toAbsolutePath());
        assertEquals(m.group(1).trim(), String.join(" ", JvmFlags.ALL));
    }
}

package dev.bridge.analytics.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from the test's working directory (surefire runs in {@code engine/}). */
public final class RepoRoot
{
    private RepoRoot()
    {
    }

    /** @return the absolute repository root: the nearest directory up that holds config/analytics.yaml. */
    public static Path find()
    {
        final Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent())
        {
            if (Files.isRegularFile(dir.resolve("config/analytics.yaml")) && Files.isDirectory(dir.resolve("engine")))
            {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (a directory with config/analytics.yaml) above " + start);
    }
}
